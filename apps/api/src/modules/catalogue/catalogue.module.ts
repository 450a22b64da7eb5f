import { Module } from '@nestjs/common';
import { ItemsController, MembersController, PartnersController } from './catalogue.controllers';

@Module({ controllers: [PartnersController, ItemsController, MembersController] })
export class CatalogueModule {}
