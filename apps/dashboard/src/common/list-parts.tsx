import type { Role } from '@crosslane/contracts';
import type { ReactNode } from 'react';
import {
  BooleanField,
  CreateButton,
  DataTable,
  DateField,
  ExportButton,
  List,
  ReferenceInput,
  SelectInput,
  TextInput,
  TopToolbar,
  usePermissions,
  type DataTableProps,
  type ListProps,
  type RaRecord,
  type SelectInputProps,
} from 'react-admin';
import { StatusChip, type StatusChipProps } from './StatusChip';

// The pieces the resources' list screens share, so that each list states only its filters and columns.

/**
 * A resource's list screen: a table of 25 rows a page whose rows open the
 * record (`rowClick`, "show" unless said) and that offers no bulk selection.
 */
export function ResourceList<T extends RaRecord>({
  rowClick = 'show',
  perPage = 25,
  children,
  ...listProps
}: Omit<ListProps<T>, 'children'> & { rowClick?: DataTableProps<T>['rowClick']; children: ReactNode }) {
  return (
    <List<T> perPage={perPage} {...listProps}>
      <DataTable<T> rowClick={rowClick} bulkActionButtons={false}>
        {children}
      </DataTable>
    </List>
  );
}

/** A list's toolbar: the create button (and `writerActions` before it) for the roles `canWrite` lets in, then export when `exportable`. */
export function ListActions({
  canWrite = () => true,
  createLabel,
  writerActions,
  exportable = false,
}: {
  canWrite?: (role: Role | undefined) => boolean;
  createLabel?: string;
  writerActions?: ReactNode;
  exportable?: boolean;
}) {
  const { permissions } = usePermissions<Role>();
  const writer = canWrite(permissions);
  return (
    <TopToolbar>
      {writer && writerActions}
      {writer && <CreateButton label={createLabel} />}
      {exportable && <ExportButton />}
    </TopToolbar>
  );
}

interface ColProps {
  source: string;
  label: string;
  disableSort?: boolean;
}

/** A column of dates (with the time when `showTime`), sortable by its source unless said. */
export function DateCol({ showTime, emptyText, ...col }: ColProps & { showTime?: boolean; emptyText?: string }) {
  return (
    <DataTable.Col {...col}>
      <DateField source={col.source} showTime={showTime} emptyText={emptyText} />
    </DataTable.Col>
  );
}

/** A column of enum values (status, role, outcome) as coloured chips. */
export function StatusCol({ colors, labels, ...col }: ColProps & Pick<StatusChipProps, 'colors' | 'labels'>) {
  return (
    <DataTable.Col {...col}>
      <StatusChip source={col.source} colors={colors} labels={labels} />
    </DataTable.Col>
  );
}

/** A column of yes/no values as ticks and crosses. */
export function BooleanCol(col: ColProps) {
  return (
    <DataTable.Col {...col}>
      <BooleanField source={col.source} />
    </DataTable.Col>
  );
}

/** The free-text search (`q`) most lists offer first. */
export const searchFilter = (label = 'Search') => <TextInput key="q" source="q" label={label} alwaysOn />;

/** A filter over fixed choices, shown at once unless `alwaysOn` is false. */
export const choiceFilter = (source: string, label: string, choices: SelectInputProps['choices'], alwaysOn = true) => (
  <SelectInput key={source} source={source} label={label} choices={choices} alwaysOn={alwaysOn} />
);

/** Choices whose label is the value itself (statuses, kinds). */
export const valueChoices = (values: readonly string[]) => values.map((value) => ({ id: value, name: value }));

/** A filter by partner, chosen by name. */
export const partnerFilter = ({ alwaysOn = true, perPage }: { alwaysOn?: boolean; perPage?: number } = {}) => (
  <ReferenceInput
    key="partnerId"
    source="partnerId"
    reference="partners"
    perPage={perPage}
    sort={{ field: 'name', order: 'ASC' }}
    alwaysOn={alwaysOn}
  >
    <SelectInput label="Partner" optionText="name" />
  </ReferenceInput>
);
