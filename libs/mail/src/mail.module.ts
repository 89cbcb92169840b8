import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { MailTransport } from './mail-transport.js';

class MailTransportCloser implements OnApplicationShutdown {
  constructor(@Inject(MailTransport) private readonly transport: MailTransport) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

@Global()
@Module({
  providers: [
    { provide: MailTransport, inject: [AppConfig], useFactory: (c: AppConfig) => new MailTransport(c.smtpUrl, c.mailFrom, { dkim: c.dkim, maxConnections: c.smtpPoolSize }) },
    MailTransportCloser,
  ],
  exports: [MailTransport],
})
export class MailModule {}
