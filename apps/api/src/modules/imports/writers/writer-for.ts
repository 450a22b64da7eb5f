import type { ImportKind } from '@crosslane/domain-ingest';
import { customerListWriter, interactionsWriter, itemsWriter, marketSignalsWriter, membersWriter, reviewsWriter } from './basic-writers';
import { ImportWriter, WriterContext } from './import-writer';
import { onlineRetailWriter } from './online-retail-writer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function writerFor(kind: ImportKind, ctx: WriterContext): ImportWriter {
  if (ctx.partnerId !== null && !UUID.test(ctx.partnerId)) throw new Error(`partnerId must be a UUID; got "${ctx.partnerId}"`);
  const needPartner = () => {
    if (!ctx.partnerId) throw new Error(`a ${kind} import needs a partnerId`);
  };
  switch (kind) {
    case 'members':
      return membersWriter(ctx) as ImportWriter;
    case 'knowledge-items':
      return itemsWriter(ctx, 'KNOWLEDGE') as ImportWriter;
    case 'partner-items':
      needPartner();
      return itemsWriter(ctx, 'PARTNER') as ImportWriter;
    case 'interactions':
      return interactionsWriter(ctx) as ImportWriter;
    case 'reviews':
      needPartner();
      return reviewsWriter(ctx) as ImportWriter;
    case 'market-signals':
      return marketSignalsWriter() as ImportWriter;
    case 'customer-list':
      needPartner();
      return customerListWriter(ctx) as ImportWriter;
    case 'online-retail':
      return onlineRetailWriter(ctx) as ImportWriter;
  }
}
