"""Task tracking: progress reports on the plan's tasks (read.py) and the checks on them (checks.py).

progress file ──read──▶ Progress (one TaskReport per reported task, an as_of date)
                               │
              plan tasks ──check──▶ TaskCheck (per task: its findings, each with a check id,
                                    a status, a reason and the file:line it came from)
"""
