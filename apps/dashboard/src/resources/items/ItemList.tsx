import type { ItemDto } from '@crosslane/contracts';
import { DataTable, List, NumberField, ReferenceField, ReferenceInput, SelectInput, TextArrayField, TextInput } from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { ITEM_DOMAIN_COLORS, ITEM_DOMAIN_LABELS, ITEM_DOMAINS, PRICE_FORMAT } from './item-domain';

const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput key="domain" source="domain" label="Domain" choices={ITEM_DOMAINS} alwaysOn />,
  <ReferenceInput key="partnerId" source="partnerId" reference="partners" perPage={200} sort={{ field: 'name', order: 'ASC' }}>
    <SelectInput label="Partner" optionText="name" />
  </ReferenceInput>,
  <TextInput key="category" source="category" label="Category" />,
];

export function ItemList() {
  return (
    <List<ItemDto> filters={filters} sort={{ field: 'title', order: 'ASC' }} perPage={25} title="Catalogue">
      <DataTable<ItemDto> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="title" label="Title" />
        <DataTable.Col source="domain" label="Domain">
          <StatusChip source="domain" colors={ITEM_DOMAIN_COLORS} labels={ITEM_DOMAIN_LABELS} />
        </DataTable.Col>
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
      </DataTable>
    </List>
  );
}
