export { LoggerModule, requestId, redactTokens } from './logger.module.js';
export { DomainError, InvalidInputError, NotFoundError, ConflictError, UnprocessableError } from './domain-errors.js';
export { HttpExceptionFilter, type ErrorBody } from './http-exception.filter.js';
export { runMain, exitGracefullyOnSignals, type ShutdownOptions } from './process-lifecycle.js';
export { refuseNulBytes, findNulByte } from './nul-byte.guard.js';
export { fieldErrorsOf, type FieldErrors } from './field-errors.js';
export { isCalendarDay, calendarDay, FIRST_CALENDAR_YEAR, CALENDAR_DAY_PATTERN, CALENDAR_DAY_REASON } from './calendar-day.js';
export { parseDecimalInteger, DECIMAL_INTEGER_REASON } from './decimal-integer.js';
export { superviseWorkers, type Supervisor, type SupervisorOptions } from './worker-supervisor.js';
