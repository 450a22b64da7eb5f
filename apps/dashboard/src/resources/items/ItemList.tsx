import type { ItemDto } from '@crosslane/contracts';
import { DataTable, NumberField, ReferenceField, TextArrayField, TextInput } from 'react-admin';
import { choiceFilter, partnerFilter, ResourceList, searchFilter, StatusCol } from '../../common/list-parts';
import { ITEM_DOMAIN_COLORS, ITEM_DOMAIN_LABELS, ITEM_DOMAINS, PRICE_FORMAT } from './item-domain';

const filters = [
  searchFilter(),
  choiceFilter('domain', 'Domain', ITEM_DOMAINS),
  partnerFilter({ alwaysOn: false, perPage: 200 }),
  <TextInput key="category" source="category" label="Category" />,
];

export function ItemList() {
  return (
    <ResourceList<ItemDto> filters={filters} sort={{ field: 'title', order: 'ASC' }} title="Catalogue">
      <DataTable.Col source="title" label="Title" />
      <StatusCol source="domain" label="Domain" colors={ITEM_DOMAIN_COLORS} labels={ITEM_DOMAIN_LABELS} />
      <DataTable.Col source="kind" label="Kind" />
      <DataTable.Col source="category" label="Category" />
      <DataTable.Col source="partnerId" label="Partner">
        <ReferenceField source="partnerId" reference="partners" link="show" emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="tags" label="Tags" disableSort>
        <TextArrayField source="tags" />
      </DataTable.Col>
      <DataTable.Col source="price" label="Price" align="right">
        <NumberField source="price" options={PRICE_FORMAT} />
      </DataTable.Col>
    </ResourceList>
  );
}
