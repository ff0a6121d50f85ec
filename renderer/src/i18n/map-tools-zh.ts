/**
 * Interface text of the map tools (selection, measuring, coordinates, north arrow) and the feature
 * card. Merged into zh-CN.ts; map-tools-en.ts has the same keys (checked by its type).
 */
export const mapToolsZh = {
  mapTools: {
    label: '地图工具',
    pan: '浏览与点选',
    panHint: '单击查看要素;Shift + 单击多选地块;Shift + 拖动框选地块',
    lasso: '套索选择',
    lassoHint: '按住鼠标画出范围,松开即选中范围内的地块(Ctrl 加选)',
    distance: '测距离',
    area: '测面积',
    measureHint: '单击添加节点,双击结束,Esc 取消',
    selecting: '正在选择地块…',
    north: '指北针(单击恢复正北)',
    measureTitle: {
      distance: '距离(椭球面,CGCS2000)',
      area: '面积(椭球面,CGCS2000)',
    },
    length: '长度',
    perimeter: '周长',
    areaM2: '面积',
    areaMu: '折合',
    vertices: '{{count}} 个节点',
    finished: '已完成',
    coordinates: '坐标',
    lonLat: '经纬度',
    gk: 'CGCS2000 3°带 高斯-克吕格(EPSG:4549)',
    gkX: 'X(北)',
    gkY: 'Y(东)',
    noPointer: '将鼠标移到地图上',
  },
  featureCard: {
    code: '编号',
    area: '面积',
    length: '长度',
    parcels: '地块',
    parcelCount: '{{count}} 宗',
    parcelsArea: '地块面积',
    remediated: '{{year}} 年已整治',
    remediatedValue: '{{count}} 宗 · {{mu}} 亩',
    target: '整治目标',
    progress: '完成率',
    ruleBlock: '按地块所属区块(面积最大重叠)统计',
    ruleZone: '按地块所属片区(面积最大重叠)统计',
    ruleOverlap: '按与平台重叠(大于 0.01 平方米)的地块统计',
    showParcels: '在地图上突出显示这些地块',
    hideParcels: '取消突出显示',
    highlightLabel: '{{name}} 的地块',
    highlighted: '已在地图上高亮 {{label}}:{{count}} 宗',
    zoomTo: '缩放至此',
    attributes: '属性',
    list: '地块清单',
    noParcels: '没有地块',
  },
};

export type MapToolsMessages = typeof mapToolsZh;
