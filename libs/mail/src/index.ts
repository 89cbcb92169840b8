export { MailTransport, classifySmtpFailure, type OutgoingMessage, type SendResult, type SmtpFailureKind } from './mail-transport.js';
export { renderEmail, type RenderedEmail } from './render-email.js';
export { ConfirmationEmail, type ConfirmationEmailProps } from './templates/confirmation-email.js';
export { MailModule } from './mail.module.js';
