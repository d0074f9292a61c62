# 示例方案:群众满意度(好差评) — built on the Shangjie 2020 scheme.
#
# A worked example of the optional features (docs/rules.md), not any real center's scheme: the
# Shangjie categories and rules unchanged, plus
#   - a 群众满意度 category of 20 points, computed from the 好差评 platform's export of ratings
#     (sheet 好差评, one row per rating): 5.1 the rate below 98 %, 1 point off per started
#     percentage point (20 ratings at least); 5.2 each valid 差评, 1 point; the sheet is required;
#   - 4 windows a month at most, and a minimum total of 80 to be selected.
# The maximum is 70 + 20 = 90. Sample month: samples/examples/satisfaction-2020-02.xlsx.

SCHEME = {
    "name": "优质服务窗口评选办法(示例:群众满意度)",
    "source": "示例方案,在《郑州市上街区行政服务中心“优质服务窗口”评选办法(试行)》基础上增加“好差评”群众满意度类别",
    "center": "示例行政服务中心",
    "winners": 4,
    "min_total": 80,
    "note": "示例方案:上街区办法的四个类别(70 分)加“群众满意度”类别(20 分,按好差评评价明细计算满意率和有效差评),满分 90 分;每月最多 4 个;总分低于 80 分不得入选。",
}

CATEGORIES = [
    {"name": "领导重视", "points": 15},
    {"name": "工作纪律", "points": 30},
    {"name": "行为规范", "points": 10},
    {"name": "办件规范", "points": 15},
    {"name": "群众满意度", "points": 20},
]

# mode: "once"      — points once a month if the window has any counted row of the rule;
#       "per_count" — points × 人次 (unit says what one count is: 次, 人次, 项);
#       "computed"  — from another sheet (see "computed"), never recorded in 扣分记录.
RULES = [
    {"id": "1.1a", "label": "制度要求落实不到位", "category": "领导重视", "points": 5, "mode": "once",
     "text": "对区委、区政府行政审批制度改革的相关要求及中心的各项制度要求落实不到位扣5分,未落实的扣15分"},
    {"id": "1.1b", "label": "制度要求未落实", "category": "领导重视", "points": 15, "mode": "once", "replaces": "1.1a",
     "text": "对区委、区政府行政审批制度改革的相关要求及中心的各项制度要求落实不到位扣5分,未落实的扣15分"},
    {"id": "1.2", "label": "首席代表未按要求到窗口办公", "category": "领导重视", "points": 5, "mode": "per_count", "unit": "次",
     "text": "各窗口单位首席代表应严格按照中心制定的《首席代表制暂行办法》落实工作,并保证每周二、周四至少一天到中心窗口办公,否则,每次扣5分"},
    {"id": "1.3", "label": "未按要求选派人员、提供办公设施机具", "category": "领导重视", "points": 5, "mode": "once",
     "text": "单位要重视行政服务科工作人员的选派并提供必要的办公设施和机具,严格按照上政文111号文件要求落实,否则,扣5分"},
    {"id": "1.4a", "label": "公示内容变动未报中心备案", "category": "领导重视", "points": 5, "mode": "per_count", "unit": "次",
     "text": "各窗口单位审批事项、审批流程、审批时限及其它公示内容如有变动,从变更之日起5个工作日内报中心代办服务科备案;不报每次扣5分,漏报、误报每项扣3分"},
    {"id": "1.4b", "label": "公示内容变动漏报、误报", "category": "领导重视", "points": 3, "mode": "per_count", "unit": "项",
     "text": "各窗口单位审批事项、审批流程、审批时限及其它公示内容如有变动,从变更之日起5个工作日内报中心代办服务科备案;不报每次扣5分,漏报、误报每项扣3分"},
    {"id": "1.5", "label": "擅自调整窗口人员", "category": "领导重视", "points": 3, "mode": "per_count", "unit": "人次",
     "text": "对行政服务科工作人员的调整,必须按照《窗口人员进出管理规定》程序报批,违反此规定擅自调整人员的每人次扣3分"},
    {"id": "1.6", "label": "不支持中心组织、文化、作风建设", "category": "领导重视", "points": 5, "mode": "once",
     "text": "单位和窗口不支持中心组织建设、文化建设、作风建设等的扣5分"},
    {"id": "1.7", "label": "公示项目未全部进驻或未充分授权", "category": "领导重视", "points": 5, "mode": "once",
     "text": "所有在中心公示的项目,必须严格按照授权书的内容全部进驻中心并充分授权窗口并能在窗口办结,否则,扣5分"},

    {"id": "2.1", "label": "病假、私假每月累计超过3天", "category": "工作纪律", "points": 1, "mode": "computed",
     "text": "窗口工作人员病假、私假每月累计不得超过3天,每超半天扣1分",
     "computed": {
         "sheet": "请假", "sheet_aliases": ["leave"],
         "per": "person",
         "window_column": {"name": "窗口", "aliases": ["window"]},
         "person_column": {"name": "姓名", "aliases": ["name"]},
         "value_columns": [
             {"name": "病假天数", "aliases": ["sick_days"]},
             {"name": "私假天数", "aliases": ["personal_days"]},
         ],
         "direction": "above", "threshold": 3, "step": 0.5,
     }},
    {"id": "2.2a", "label": "无故迟到、早退", "category": "工作纪律", "points": 1, "mode": "per_count", "unit": "人次",
     "text": "窗口工作人员无故迟到、早退,每人次扣1分;旷工半天,每人次扣5分;窗口出现空岗(15分钟以上),每人次扣2分"},
    {"id": "2.2b", "label": "旷工半天", "category": "工作纪律", "points": 5, "mode": "per_count", "unit": "人次",
     "text": "窗口工作人员无故迟到、早退,每人次扣1分;旷工半天,每人次扣5分;窗口出现空岗(15分钟以上),每人次扣2分"},
    {"id": "2.2c", "label": "空岗15分钟以上", "category": "工作纪律", "points": 2, "mode": "per_count", "unit": "人次",
     "text": "窗口工作人员无故迟到、早退,每人次扣1分;旷工半天,每人次扣5分;窗口出现空岗(15分钟以上),每人次扣2分"},
    {"id": "2.3a", "label": "集体活动迟到、早退", "category": "工作纪律", "points": 1, "mode": "per_count", "unit": "人次",
     "text": "窗口工作人员参加中心组织的学习、培训、会议等集体活动,迟到、早退每人次扣1分,无故缺席每人次扣2分"},
    {"id": "2.3b", "label": "集体活动无故缺席", "category": "工作纪律", "points": 2, "mode": "per_count", "unit": "人次",
     "text": "窗口工作人员参加中心组织的学习、培训、会议等集体活动,迟到、早退每人次扣1分,无故缺席每人次扣2分"},
    {"id": "2.4", "label": "中心安排的工作任务不按要求落实", "category": "工作纪律", "points": 5, "mode": "per_count", "unit": "次",
     "text": "对中心安排的各类工作任务,不按要求落实的,每次扣5分"},
    {"id": "2.5", "label": "未经批准带非工作人员进入窗口工作区", "category": "工作纪律", "points": 2, "mode": "per_count", "unit": "人次",
     "text": "窗口工作人员未经中心批准,带非工作人员进入窗口工作区的,每人次扣2分"},
    {"id": "2.6", "label": "擅自拷贝单位重要资料", "category": "工作纪律", "points": 2, "mode": "per_count", "unit": "次",
     "text": "窗口工作人员不经本单位批准,擅自拷贝单位重要资料的每次扣2分"},
    {"id": "2.7", "label": "串岗聊天、吸烟、嬉戏、吃东西、睡觉等", "category": "工作纪律", "points": 5, "mode": "per_count", "unit": "人次",
     "text": "窗口工作人员在工作时间内,出现串岗聊天、在大厅内吸烟、嬉戏、吃东西、睡觉等现象,每人次扣5分"},
    {"id": "2.8", "label": "吃、拿、卡、要等违纪行为", "category": "工作纪律", "points": 20, "mode": "per_count", "unit": "人次",
     "referral": True,
     "text": "窗口工作人员有吃、拿、卡、要等违纪行为者,每人次扣20分;造成严重后果者,交有关部门给予党纪、政纪处理"},

    {"id": "3.1", "label": "不佩证上岗、着装不规范", "category": "行为规范", "points": 1, "mode": "per_count", "unit": "人次",
     "text": "窗口工作人员工作期间,出现不佩证上岗,着装不规范,每人次扣1分"},
    {"id": "3.2", "label": "服务态度蛮横、语言粗暴或取笑、讽刺服务对象", "category": "行为规范", "points": 2, "mode": "per_count", "unit": "人次",
     "text": "窗口工作人员服务态度蛮横,语言粗暴、语调不和谐或者取笑、讽刺服务对象的,每人次扣2分"},
    {"id": "3.3", "label": "坐、站姿态不端正", "category": "行为规范", "points": 1, "mode": "per_count", "unit": "人次",
     "text": "窗口工作人员坐、站姿态不端正每人次扣1分"},
    {"id": "3.4", "label": "未执行大厅文明用语和禁语", "category": "行为规范", "points": 2, "mode": "per_count", "unit": "人次",
     "text": "窗口工作人员没有执行大厅文明用语和大厅禁语的,每人次扣2分"},

    {"id": "4.1", "label": "可作收件处理而未收件", "category": "办件规范", "points": 5, "mode": "per_count", "unit": "次",
     "text": "可作收件处理而未收件的,每次扣5分"},
    {"id": "4.2", "label": "需要补件未执行一次性告知", "category": "办件规范", "points": 5, "mode": "per_count", "unit": "次",
     "text": "已作收件处理,需要补件,未执行一次性告知制度的,每次扣5分"},
    {"id": "4.3", "label": "退件未充分说明理由或未执行否定报备", "category": "办件规范", "points": 5, "mode": "per_count", "unit": "次",
     "text": "已作退件处理,未向服务对象充分说明理由,或没有执行《否定报备制度》的,每次扣5分"},
    {"id": "4.4", "label": "联办件未执行首问负责制", "category": "办件规范", "points": 5, "mode": "per_count", "unit": "次",
     "text": "属联办件的,未执行首问负责制的,每次扣5分"},

    # The 好差评 platform's 评价明细 export, one row per rating (序号, 受理部门, 事项名称, 评价渠道,
    # 评价等级, 评价时间, and the center's 差评核实 after review), pasted as sheet 好差评. Its
    # per-window 统计 export (受理部门, 非常满意, 满意, 一般, 不满意, 非常不满意, 满意率) reads too.
    # 5.1: the rate of 非常满意 + 满意 among the counted ratings, in per cent; below 98, 1 point
    # off per started percentage point; a window with fewer than 20 ratings has no rate (a warning).
    {"id": "5.1", "label": "满意率低于98%", "category": "群众满意度", "points": 1, "mode": "computed",
     "text": "好差评满意率(非常满意、满意占评价数的比例)低于98%的,每低1个百分点扣1分",
     "computed": {
         "sheet": "好差评", "sheet_aliases": ["评价明细", "satisfaction"],
         "required": True,
         "per": "window",
         "window_column": {"name": "受理部门", "aliases": ["窗口", "部门", "window"]},
         "ratings": {
             "level_column": {"name": "评价等级", "aliases": ["评价结果", "level"]},
             "measure": "rate",
             "good": ["非常满意", "满意"],
             "exclude_column": {"name": "差评核实", "aliases": ["核实结果"]},
             "exclude_values": ["无效差评", "无效"],
             "min_ratings": 20,
         },
         "direction": "below", "threshold": 98, "step": 1,
     }},
    # 5.2: each valid 差评 (不满意, 非常不满意; not found 无效 on review) costs 1 point.
    {"id": "5.2", "label": "有效差评", "category": "群众满意度", "points": 1, "mode": "computed",
     "text": "经核实的有效差评(不满意、非常不满意),每条扣1分",
     "computed": {
         "sheet": "好差评", "sheet_aliases": ["评价明细", "satisfaction"],
         "per": "window",
         "window_column": {"name": "受理部门", "aliases": ["窗口", "部门", "window"]},
         "ratings": {
             "level_column": {"name": "评价等级", "aliases": ["评价结果", "level"]},
             "measure": "bad_count",
             "bad": ["不满意", "非常不满意"],
             "exclude_column": {"name": "差评核实", "aliases": ["核实结果"]},
             "exclude_values": ["无效差评", "无效"],
         },
         "direction": "above", "threshold": 0, "step": 1,
     }},
]

# The 28 windows in the source's order (一、评选对象), with ASCII parentheses.
ROSTER = [
    "发改委", "人劳局(社保中心)", "教体局", "公安局", "民政局", "司法局", "财政局(核算中心)",
    "建设局", "交通局", "市政局", "卫生局", "环保局", "国土局", "商务局", "农经委", "人防办",
    "民族宗教局", "广电局", "安监局", "房管局", "文化局", "计生委", "质监局", "工商局", "地税局",
    "自来水公司", "烟草局", "燃气公司",
]

ALIASES = {
    "人劳局": "人劳局(社保中心)",
    "社保中心": "人劳局(社保中心)",
    "财政局": "财政局(核算中心)",
    "核算中心": "财政局(核算中心)",
}
