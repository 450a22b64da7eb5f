import type { ItemDto } from '@crosslane/contracts';
import { NumberField, ReferenceField, Show, SimpleShowLayout, TextArrayField, TextField } from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { ITEM_DOMAIN_COLORS, ITEM_DOMAIN_LABELS, PRICE_FORMAT } from './item-domain';

export function ItemShow() {
  return (
    <Show<ItemDto>>
      <SimpleShowLayout>
        <TextField source="title" label="Title" />
        <TextField source="externalKey" label="External key" />
        <StatusChip source="domain" label="Domain" colors={ITEM_DOMAIN_COLORS} labels={ITEM_DOMAIN_LABELS} />
        <TextField source="kind" label="Kind" />
        <TextField source="category" label="Category" />
        <ReferenceField source="partnerId" reference="partners" label="Partner" link="show" emptyText="—" />
        <TextArrayField source="tags" label="Tags" />
        <NumberField source="price" label="Price" options={PRICE_FORMAT} />
      </SimpleShowLayout>
    </Show>
  );
}
