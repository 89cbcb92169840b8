export { MailTransport, classifySmtpFailure, envelopeSender, type OutgoingMessage, type RawOutgoingMessage, type SendResult, type SmtpFailureKind } from './mail-transport.js';
export { RawMessageWriter, type RawMessageHeaders, type EncodedAlternatives } from './mime/raw-message.js';
export { qpEncodePiece, qpBody, qpDecode } from './mime/quoted-printable.js';
export { installFastDotStuffing } from './smtp/fast-dot-stuffing.js';
export { renderEmail, type RenderedEmail } from './render-email.js';
export { ConfirmationEmail, interestsSummary, type ConfirmationEmailProps } from './templates/confirmation-email.js';
export { ManageLinkEmail, type ManageLinkEmailProps } from './templates/manage-link-email.js';
export { MailModule } from './mail.module.js';
export type { DigestForReader, DigestPaper, DigestPaperForReader } from './digest/digest-model.js';
export {
  DigestEmail,
  DIGEST_DARK_MODE_CSS,
  DIGEST_PREVIEW,
  EMPTY_DIGEST_NOTICE,
  cleanText,
  formatAuthors,
  formatEditionDate,
  paperView,
  readerPaperView,
  safeHref,
  shellView,
  truncateAtWord,
  type LinkView,
  type PaperView,
  type ReaderPaperView,
  type ShellView,
} from './digest/digest-email.js';
export { DigestRenderer, MAX_DIGEST_HTML_BYTES, escapeHtml, renderDigestFull, renderDigestText, type EncodedDigest, type RenderedDigest } from './digest/digest-renderer.js';
