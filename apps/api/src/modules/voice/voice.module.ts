import { Module } from '@nestjs/common';
import { TaxonomyCoreModule } from '../taxonomy/taxonomy-core.module';
import { VoiceController } from './voice.controller';
import { VoiceService } from './voice.service';

/** The voice of the customer screen's HTTP side: partner reviews and market signals, read-only. */
@Module({ imports: [TaxonomyCoreModule], controllers: [VoiceController], providers: [VoiceService] })
export class VoiceModule {}
