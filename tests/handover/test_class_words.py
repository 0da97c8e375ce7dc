"""One word per contact class in Japanese, whichever command prints it.

``scan`` said 私的/未分類, ``split`` 私用/要確認 and ``minimize`` 私用/不明 for the same
two classes (found in QA). The hand-over's messages now name each class with the
word the reports use (``reporters/messages/ja.yaml``, ``kind.*``).
"""

from __future__ import annotations

import re

from piiaudit.resources import package_path, read_shipped_yaml

# The hand-over's placeholders that count contacts of one class.
_CLASS_OF = {
    "business": "business",
    "private": "private",
    "private_kept": "private",
    "review": "unknown",
    "unknown": "unknown",
    "unknown_kept": "unknown",
}
# Messages that count one class by {count}: the class is in their key.
_CLASS_BY_KEY = {
    "summary_business": "business",
    "summary_unknown": "unknown",
    "summary_private": "private",
    "all_business_private": "private",
    "all_business_unknown": "unknown",
}


def test_handover_messages_name_each_class_as_the_reports_do() -> None:
    kinds = read_shipped_yaml(package_path("reporters", "messages", "ja.yaml"))["kind"]
    messages = read_shipped_yaml(package_path("handover", "messages.yaml"))
    checked = 0
    for key, text in messages.items():
        for word, field in re.findall(r"([\u3040-\u30ff\u4e00-\u9fff]+) \{(\w+)\} 件", text["ja"]):
            label = _CLASS_BY_KEY.get(key) if field == "count" else _CLASS_OF.get(field)
            if label is not None:
                assert word == kinds[label], (key, text["ja"])
                checked += 1
    assert checked >= 9  # the summaries of split, minimize (its parts), --all-business's
