export { LoggerModule, requestId, redactTokens } from './logger.module.js';
export { DomainError, InvalidInputError, NotFoundError, ConflictError, UnprocessableError } from './domain-errors.js';
export { HttpExceptionFilter, type ErrorBody } from './http-exception.filter.js';
export { runMain, exitGracefullyOnSignals, type ShutdownOptions } from './process-lifecycle.js';
export { coreModules } from './core-modules.js';
export { ZodBodyPipe } from './zod-body.pipe.js';
export { fieldErrorsOf, type FieldErrors } from './field-errors.js';
export { isCalendarDay } from './calendar-day.js';
export { superviseWorkers, type Supervisor, type SupervisorOptions } from './worker-supervisor.js';
