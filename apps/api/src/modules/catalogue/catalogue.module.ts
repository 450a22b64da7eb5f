import { Module } from '@nestjs/common';
import { ItemsController, MembersController } from './catalogue.controllers';

@Module({ controllers: [ItemsController, MembersController] })
export class CatalogueModule {}
