import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { LinkVerifier } from './link-verifier.js';
import { SignedOutViewLinks } from './signed-out-view-links.middleware.js';

@Module({ providers: [LinkVerifier], exports: [LinkVerifier] })
export class LinksModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SignedOutViewLinks).forRoutes('digests/*path');
  }
}
