import { Menu, app, dialog, shell } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';

/** The zh-CN application menu: 文件 / 视图 / 帮助. The renderer has its own toolbar for the work itself. */
export function buildMenu(getProjectPath: () => string | null): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '文件',
      submenu: [
        {
          label: '在文件夹中显示项目文件',
          click: () => {
            const p = getProjectPath();
            if (p) shell.showItemInFolder(p);
          },
        },
        { type: 'separator' },
        isMac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'reload', label: '重新加载' },
        { role: 'forceReload', label: '强制重新加载' },
        { role: 'toggleDevTools', label: '开发者工具' },
        { type: 'separator' },
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于',
          click: () => {
            void dialog.showMessageBox({
              type: 'info',
              title: '关于',
              message: `土地与项目一张图 ${app.getVersion()}`,
              detail:
                'Land & Project Planner — 永康市土地整治、出让与重点项目一张图。\n' +
                '内置示例项目的几何图形为示意数据(示例数据),不代表实际地块。',
            });
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
