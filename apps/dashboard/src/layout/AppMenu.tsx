import type { Role } from '@crosslane/contracts';
import HomeIcon from '@mui/icons-material/Home';
import { Divider, ListSubheader } from '@mui/material';
import { createElement } from 'react';
import { Menu, usePermissions, useSidebarState } from 'react-admin';
import { resourcesFor } from '../resources';
import { groupMenuItems } from './menu-groups';

/** Home, then the resources the signed-in role may use, in the sections of MENU_GROUPS. */
export function AppMenu() {
  const { permissions } = usePermissions<Role | undefined>();
  return (
    <Menu>
      <Menu.DashboardItem primaryText="Home" leftIcon={<HomeIcon />} />
      {/* One flat list: MUI's MenuList moves focus between its direct children only, and refuses fragments. */}
      {groupMenuItems(resourcesFor(permissions)).flatMap(({ label, items }) => [
        <MenuGroupHeading key={`group:${label}`} label={label} />,
        ...items.map(([name, resource]) => (
          <Menu.Item
            key={name}
            to={`/${name}`}
            primaryText={resource.options.label}
            leftIcon={resource.icon ? createElement(resource.icon) : undefined}
            data-testid={`menu-${name}`}
          />
        )),
      ])}
    </Menu>
  );
}

/** A section's title; a plain divider when the sidebar is collapsed to icons, where the text would not fit. */
function MenuGroupHeading({ label }: { label: string }) {
  const [open] = useSidebarState();
  if (!open) return <Divider component="li" sx={{ my: 0.5 }} />;
  return (
    <ListSubheader
      disableSticky
      sx={{
        typography: 'overline',
        fontWeight: 600,
        lineHeight: '16px',
        color: 'text.secondary',
        bgcolor: 'transparent',
        // Lines the text up with the items' icons: MenuItem's 16px padding plus the theme's 3px active-item border.
        pl: 'calc(16px + 3px)',
        // More room above than below, so each heading reads with the items under it; kept short
        // because six headings already add a sixth to the menu's height and the sidebar hides its scrollbar.
        pt: '10px',
        pb: '2px',
      }}
    >
      {label}
    </ListSubheader>
  );
}
