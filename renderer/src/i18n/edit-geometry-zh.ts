/**
 * Interface text of geometry editing (绘制地块, 编辑节点, 分割, 合并) and the history labels of its
 * audit fields. Merged into zh-CN.ts; edit-geometry-en.ts has the same keys (checked by its type).
 */
export const editGeometryZh = {
  editGeometry: {
    label: '图形编辑',
    draw: '绘制地块',
    vertices: '编辑节点',
    split: '分割',
    merge: '合并',
    titles: {
      draw: '绘制新地块:单击添加节点,双击结束',
      vertices: '拖动所选地块的节点,实时显示面积',
      split: '画一条线把所选地块分成几块',
      merge: '把选中的相邻地块合并为一块',
    },
    needsOne: '请先在地图上选择一个地块',
    needsTwo: '请先用 Shift + 单击选择两个以上相邻地块',
    hints: {
      draw: '单击添加节点,双击结束,Esc 取消',
      vertices: '拖动节点移动;拖动边的中点插入节点;右键单击节点删除',
      split: '从地块外单击到地块另一侧,双击结束;Esc 取消',
      merge: '第一个选中的地块保留编号和属性,其余并入',
    },
    area: '面积',
    before: '原面积',
    after: '新面积',
    total: '合计',
    m2: '{{value}} m²',
    mu: '{{value}} 亩',
    code: '地块编号',
    owner: '权利人',
    status: '整治状态',
    save: '保存',
    cancel: '取消',
    close: '退出',
    working: '正在计算…',
    pieces: '分割结果',
    merged: '合并结果',
    overlap: '重叠部分 {{value}} m²',
    actions: { updated: '保留原编号', created: '新地块', deleted: '并入' },
    saved: {
      replace: '已保存新图形',
      create: '已新建地块',
      delete: '已删除地块',
      split: '已分割为 {{count}} 块',
      merge: '已合并 {{count}} 个地块',
    },
    undoHint: 'Ctrl+Z 可撤销',
    fields: {
      geom: '图形',
      row: '地块记录',
      merged_from: '合并自',
      split_into: '分割出',
      split_from: '分割自',
      area_m2: '面积(m²)',
      zone_code: '所属片区',
      straddles: '跨区块',
      stated_area_m2: '登记面积(m²)',
    },
  },
};

export type EditGeometryMessages = typeof editGeometryZh;
