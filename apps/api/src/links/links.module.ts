import { Module } from '@nestjs/common';
import { LinkVerifier } from './link-verifier.js';

@Module({ providers: [LinkVerifier], exports: [LinkVerifier] })
export class LinksModule {}
