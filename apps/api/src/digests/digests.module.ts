import { Module } from '@nestjs/common';
import { DigestViewController } from './digest-view.controller.js';

@Module({ controllers: [DigestViewController] })
export class DigestsModule {}
