import { Module } from '@nestjs/common';
import { MailModule } from '@app/mail';
import { ConfirmationMailProcessor } from './confirmation-mail.processor.js';

@Module({ imports: [MailModule], providers: [ConfirmationMailProcessor] })
export class MailJobsModule {}
