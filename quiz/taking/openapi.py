"""The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from quiz.taking.practice import MAX_PRACTICE


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str = "成功") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": _json(_ref("Error"), "请求的内容无法处理（例如不能存储的文字）"),
    "401": _json(_ref("Error"), "未登录"),
    "403": _json(_ref("Error"), "须先修改初始密码"),
    "404": _json(_ref("Error"), "不存在，或不是本人的答卷"),
    "409": _json(_ref("Error"), "已交卷、时间已到、机会用完或不在开放时间"),
}
ATTEMPT_ID = {"name": "attempt_id", "in": "path", "required": True, "schema": {"type": "integer"}}
POSITION = {"name": "position", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
WRITE = {"security": [{"session": [], "csrf": []}]}


def _op(summary: str, response: dict[str, Any], *, params=(), body: dict | None = None, write=False,
        status: str = "200") -> dict:
    op: dict[str, Any] = {"summary": summary, "responses": {status: response, **ERRORS}}
    if params:
        op["parameters"] = list(params)
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if write:
        op.update(WRITE)
    return op


def document() -> dict[str, Any]:
    strings = {"type": "array", "items": {"type": "string"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "班组安全学习平台 · 练习与考试 API", "version": "1",
                 "description": "练习、考试、保存答案、交卷、成绩、历史与纠错。写操作需在 X-CSRFToken 头中带上 GET /api/v1/me 返回的 csrf_token。"},
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/me": {"get": _op("当前用户与 CSRF 令牌", _json(_ref("Me")))},
            "/quizzes": {"get": _op("可参加的考试和练习、今日待复习错题数", _json(_ref("Quizzes")))},
            "/papers/{paper_id}/attempts": {"post": _op(
                "开始（或继续未交卷的）考试/练习", _json(_ref("Attempt")),
                params=[{"name": "paper_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                write=True)},
            "/practice": {"post": _op("按分类、文档、工种、场所或错题自选练习", _json(_ref("Attempt")), body={
                "type": "object", "properties": {
                    "category_id": {"type": "integer"}, "document_id": {"type": "integer"},
                    "job": {"type": "string"}, "site": {"type": "string"}, "wrong_only": {"type": "boolean"},
                    "count": {"type": "integer", "minimum": 1, "maximum": MAX_PRACTICE, "default": 10}}}, write=True)},
            "/daily": {"post": _op("今日的每日一练（当天重复调用返回同一份）", _json(_ref("Attempt")), write=True)},
            "/review": {"post": _op("复习今天到期的错题", _json(_ref("Attempt")), write=True)},
            "/attempts/{attempt_id}": {"get": _op("答卷：题目（不含答案）、已存答案、剩余秒数",
                                                  _json(_ref("Attempt")), params=[ATTEMPT_ID])},
            "/attempts/{attempt_id}/items/{position}": {
                "get": _op("一道题", _json(_ref("Item")), params=[ATTEMPT_ID, POSITION]),
                "put": _op("保存一道题的答案（可重复提交；seq 较旧的重试不会覆盖较新的答案）", _json(_ref("Saved")),
                           params=[ATTEMPT_ID, POSITION], write=True, body={
                               "type": "object", "required": ["answer"], "properties": {
                                   "answer": {**strings, "description": "选项字母（按页面显示）或填空文字"},
                                   "seq": {"type": "integer", "description": "本题的客户端计数，每次修改加一"},
                                   "base": {"type": "integer", "description": (
                                       "这个答案所替换的已存版本（题目的 seq）；已被其他页面改过时返回 412，"
                                       "附上已存的 answer 与 seq，本题不保存")},
                                   "draft": {"type": "boolean", "description": (
                                       "true：即时反馈的练习中选了还没确认的答案，存为草稿供其他设备恢复；"
                                       "不评分、不计入，确认后的答案替换它；空答案清除草稿。考试没有草稿（409）")}}}),
            },
            "/attempts/{attempt_id}/submit": {"post": _op("交卷（重复交卷只算一次）", _json(_ref("Result")),
                                                         params=[ATTEMPT_ID], write=True)},
            "/attempts/{attempt_id}/focus-loss": {"post": _op("记录一次离开考试页面", _json(
                {"type": "object", "properties": {"focus_losses": {"type": "integer"}}}), params=[ATTEMPT_ID],
                write=True)},
            "/attempts/{attempt_id}/result": {"get": _op("成绩与逐题回顾（考试窗口结束后显示答案）",
                                                         _json(_ref("Result")), params=[ATTEMPT_ID])},
            "/history": {"get": _op("本人全部答卷与成绩曲线数据", _json({"type": "object", "properties": {
                "attempts": {"type": "array", "items": {"type": "object"}},
                "series": {"type": "array", "items": {"type": "object", "properties": {
                    "percent": {"type": "number"}, "passed": {"type": ["boolean", "null"]},
                    "pass_percent": {"type": ["number", "null"], "description": "该次答卷所用试卷的及格分占总分的百分比"}}}}}}))},
            "/questions/{question_id}/flags": {"post": _op(
                "纠错：报告题目有误或不清楚", _json({"type": "object"}, "已收到"), status="201",
                params=[{"name": "question_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                body={"type": "object", "required": ["reason"], "properties": {
                    "reason": {"enum": ["wrong", "unclear", "outdated", "other"]}, "comment": {"type": "string"},
                    "attempt_id": {"type": "integer", "description": "报告时所在的答卷（记下其中的选项顺序和作答；省略时取最近一次）"}}},
                write=True)},
        },
        "components": {
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
                "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRFToken"},
            },
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "string"}}},
                "Me": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                                                        "csrf_token": {"type": "string"}}},
                "Quizzes": {"type": "object", "properties": {
                    "papers": {"type": "array", "items": {"type": "object"}},
                    "reviews_due": {"type": "integer"}, "daily": {"type": ["object", "null"]}}},
                "Item": {"type": "object", "properties": {
                    "position": {"type": "integer"}, "type": {"type": "string"}, "shape": {
                        "enum": ["single", "multi", "judge", "blank", "order"]},
                    "stem": {"type": "string"}, "options": {"type": "array", "items": {"type": "object", "properties": {
                        "key": {"type": "string"}, "text": {"type": "string"}}}},
                    "answer": strings, "seq": {"type": "integer"}, "saved_at": {"type": ["string", "null"]},
                    "draft": {**strings, "description": "即时反馈的练习中还没确认的选择（草稿，不是答案）"},
                    "feedback": {"type": "object"},
                    "sealed": {"type": "string", "description": "本题还在进行中的考试或竞赛中：代替答案的说明"}}},
                "Attempt": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "title": {"type": "string"}, "mode": {"type": "string"},
                    "status": {"enum": ["open", "submitted", "expired"]}, "remaining_seconds": {"type": ["integer", "null"]},
                    "time_limited": {"type": "boolean"}, "deadline_label": {"type": "string"},
                    "items": {"type": "array", "items": _ref("Item")}}},
                "Saved": {"type": "object", "properties": {"seq": {"type": "integer"}, "saved_at": {"type": "string"},
                                                           "feedback": {"type": "object"},
                                                           "sealed": {"type": "string", "description": "本题还在进行中的考试或竞赛中：代替反馈的说明（不给答案和对错）"}}},
                "Result": {"type": "object", "properties": {
                    "score": {"type": ["string", "null"], "description": "两位小数"}, "max_score": {"type": "string"},
                    "passed": {"type": ["boolean", "null"]}, "seconds_used": {"type": ["integer", "null"]},
                    "keys_released": {"type": "boolean"},
                    "held": {"type": "integer", "description": "本次练习中还在进行中的考试或竞赛里的题数：考试结束后才计分，暂不计入得分和满分"},
                    "items": {"type": "array", "items": _ref("Item")}}},
            },
        },
    }
