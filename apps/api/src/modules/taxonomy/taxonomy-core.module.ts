import { Module } from '@nestjs/common';
import { InterestTaxonomyService } from './interest-taxonomy.service';

/** The taxonomy reader and writer: loaded in every role, since profiles, segments, sharing and the demo loader read it. */
@Module({ providers: [InterestTaxonomyService], exports: [InterestTaxonomyService] })
export class TaxonomyCoreModule {}
