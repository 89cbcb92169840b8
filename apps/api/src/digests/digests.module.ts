import { Module } from '@nestjs/common';
import { LinksModule } from '../links/links.module.js';
import { DigestViewController } from './digest-view.controller.js';

@Module({ imports: [LinksModule], controllers: [DigestViewController] })
export class DigestsModule {}
