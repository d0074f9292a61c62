# 郑州市上街区行政服务中心"优质服务窗口"评选办法(试行) — the scheme as data.
#
# This file is read as data: qualitywin parses the literal tables below and never imports or runs
# it. Only `NAME = literal` assignments are allowed (dicts, lists, strings, numbers, True/False/None).
# Rule texts are the source notice's items word for word (docs/source-notice.txt); where
# one item holds several deductions (1.1, 1.4, 2.2, 2.3) each part carries the whole item and a
# label saying which part it is. The source breaks off after four categories: the maximum is 70.
# The format, every key and how to write your own scheme: docs/rules.md.

SCHEME = {
    "name": "上街区行政服务中心优质服务窗口评选办法(试行)",
    "source": "关于印发《郑州市上街区行政服务中心“优质服务窗口”评选办法(试行)》的通知,郑州市上街区行政服务中心,2月9日",
    "center": "郑州市上街区行政服务中心",
    "winners": 5,
    "note": "评选办法原文在“办件规范”之后中断,只定义了四个类别(领导重视 15、工作纪律 30、行为规范 10、办件规范 15),满分按 70 分计。",
}

CATEGORIES = [
    {"name": "领导重视", "points": 15},
    {"name": "工作纪律", "points": 30},
    {"name": "行为规范", "points": 10},
    {"name": "办件规范", "points": 15},
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

# 考勤(qualitywin attendance):办法写明“中心实行指纹考勤”,2.2 按迟到、早退(2.2a)和旷工半天(2.2b)
# 扣分,但没有写上下班时间。下面的时间是常见的作息(夏季 05-01 至 09-30 下午 14:30–17:30,其余
# 14:00–17:00),由中心按本单位的作息时间改写。办法没有规定迟到多久算旷工,故不设
# absent_after_minutes(迟到多久都按 2.2a);缺卡(只有签到或只有签退)按旷工半天 2.2b 计。
# holidays / workdays 只在国务院的节假日安排之外另有放假或上班时填写(如 "2020-04-06")。
# The scheme says 中心实行指纹考勤 and prices 迟到/早退 and 旷工半天, but gives no hours: these are
# a common timetable for the center to set to its own. See docs/rules.md, section 13.
ATTENDANCE = {
    "sessions": [
        {"name": "上午", "start": "08:30", "end": "12:00"},
        {"name": "下午", "start": "14:30", "end": "17:30", "from": "05-01", "to": "09-30"},
        {"name": "下午", "start": "14:00", "end": "17:00"},
    ],
    "grace_minutes": 0,
    "late_rule": "2.2a",
    "absent_rule": "2.2b",
    "missing_punch_rule": "2.2b",
    "holidays": [],
    "workdays": [],
}
