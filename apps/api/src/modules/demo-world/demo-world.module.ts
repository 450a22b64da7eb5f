import { Module } from '@nestjs/common';
import { DemoWorldService } from './demo-world.service';
import { LoadDemoWorldJob } from './jobs/load-demo-world.job';

@Module({ providers: [DemoWorldService, LoadDemoWorldJob], exports: [DemoWorldService] })
export class DemoWorldModule {}
