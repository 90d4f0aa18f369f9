#!/usr/bin/env python3
"""Fills kanban-tui's database with N tasks, spread over the visible columns of its active board, for
scripts/bench.sh. The board itself is made by kanban-tui's CLI (`kanban-tui board create`) first.

Why not `kanban-tui task create` N times: kanban-tui has no bulk import, and its create path opens a connection,
finds the column's next position with an unindexed MAX(position) scan and commits, once per task (2,000 tasks
took 78 s here, and the scan makes it quadratic). So this writes the same rows its create writes (same columns,
same "next position in the column" rule, its audit trigger fires for each) in one transaction.

Usage: kanban_tui_fill.py DATABASE COUNT
"""
import datetime
import json
import sqlite3
import sys

database, count = sys.argv[1], int(sys.argv[2])
connection = sqlite3.connect(database)
board = connection.execute("SELECT board_id FROM boards ORDER BY board_id LIMIT 1").fetchone()[0]
columns = [row[0] for row in connection.execute(
    "SELECT column_id FROM columns WHERE board_id = ? AND visible ORDER BY position", (board,))]
next_position = {column: connection.execute(
    "SELECT COALESCE(MAX(position), -1) + 1 FROM tasks WHERE column = ?", (column,)).fetchone()[0] for column in columns}
now = datetime.datetime.now().replace(microsecond=0)


def rows():
    for index in range(count):
        column = columns[index % len(columns)]
        position = next_position[column]
        next_position[column] += 1
        yield {"title": f"Deal {index + 1}", "column": column, "category": None,
               "description": f"Company {index % 997}", "creation_date": now, "start_date": None,
               "finish_date": None, "due_date": None, "metadata": json.dumps({}), "position": position}


with connection:
    connection.executemany("""
        INSERT INTO tasks (title, column, category, description, creation_date, start_date, finish_date, due_date,
                           metadata, position)
        VALUES (:title, :column, :category, :description, :creation_date, :start_date, :finish_date, :due_date,
                :metadata, :position)
        """, rows())
total = connection.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]
print(f"kanban-tui: {total} tasks in {len(columns)} columns", file=sys.stderr)
