import { Module } from '@nestjs/common';
import { InterestTopicsController } from './interest-topics.controller';
import { TaxonomyCoreModule } from './taxonomy-core.module';

/** The taxonomy screen's HTTP side. */
@Module({ imports: [TaxonomyCoreModule], controllers: [InterestTopicsController] })
export class TaxonomyModule {}
