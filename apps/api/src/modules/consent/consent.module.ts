import { Module } from '@nestjs/common';
import { ConsentController } from './consent.controller';
import { ConsentService } from './consent.service';

/** Members' consent: the per-member history, and changes of one member's consent. Imports write the history in their own transaction. */
@Module({ controllers: [ConsentController], providers: [ConsentService] })
export class ConsentModule {}
