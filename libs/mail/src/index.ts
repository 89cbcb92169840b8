export { MailTransport, classifySmtpFailure, envelopeSender, type OutgoingMessage, type RawOutgoingMessage, type SendResult, type SmtpFailureKind } from './mail-transport.js';
export { RawMessageWriter, type RawMessageHeaders, type EncodedAlternatives } from './mime/raw-message.js';
export { qpEncodePiece, qpBody, qpDecode } from './mime/quoted-printable.js';
export { installFastDotStuffing } from './smtp/fast-dot-stuffing.js';
export { renderEmail, type RenderedEmail, type RenderedTemplate } from './render-email.js';
export { EMAIL_TEMPLATES, previewProps, type EmailProps, type EmailTemplate } from './email-templates.js';
export { MailModule } from './mail.module.js';
export type { DigestForReader, DigestPaper, DigestPaperForReader } from './digest/digest-model.js';
// The views and the digest's fixed words, for the render benchmark (apps/bench) that checks a hand-written baseline against them.
export { EMPTY_DIGEST_NOTICE, paperView, readerPaperView, shellView, type LinkView, type PaperView, type ReaderPaperView, type ShellView } from './digest/digest-view.js';
export { DIGEST_DARK_MODE_CSS, DIGEST_PREVIEW } from './digest/digest-email.js';
export { DigestRenderer, MAX_DIGEST_HTML_BYTES, escapeHtml, renderDigestFull, renderDigestText, type EncodedDigest, type RenderedDigest } from './digest/digest-renderer.js';
