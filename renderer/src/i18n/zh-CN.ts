/** Chinese (default) interface text. en.ts must have the same keys (checked by its type). */
export const zhCN = {
  app: {
    title: '土地与项目一张图',
    loading: '正在加载项目…',
  },
  toolbar: {
    switchLanguage: '切换到英文界面',
  },
  layers: {
    title: '图层',
    featureCount: '{{count}} 个要素',
  },
  legend: {
    title: '图例 · 整治状态',
    count: '{{count}} 宗',
    noStatus: '其他或未填状态',
  },
  statusBar: {
    sample: '示例数据',
    sampleTitle: '示例数据:几何形状仅作示意,不代表真实地块',
    project: '项目',
    parcels: '地块 {{n}} 宗',
    selected: '已选:{{label}}',
  },
  errors: {
    title: '出错了',
    dismiss: '关闭',
  },
  map: {
    label: '地图',
  },
};

export type Messages = typeof zhCN;
