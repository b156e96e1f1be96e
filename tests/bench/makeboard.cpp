// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-makeboard FILE CARDS: a generated board of CARDS tickets (5 checklist items and 3 comments per card),
// for measuring the CLI on big boards (export and list memory, see README).
#include "support/generatedboard.h"

#include <storage/boardstore.h>

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream err(stderr);
    bool ok = false;
    const int cards = args.value(2).toInt(&ok);
    if (args.size() != 3 || !ok || cards <= 0) {
        err << "usage: helpboard-makeboard FILE CARDS\n";
        return 1;
    }
    auto store = hb::storage::BoardStore::create(args.at(1), QStringLiteral("Generated"));
    if (!store) {
        err << store.error().message << '\n';
        return 1;
    }
    hb::storage::GeneratedBoardSize size;
    size.cards = cards;
    size.checklistItems = cards * 5;
    size.comments = cards * 3;
    if (auto made = hb::storage::populateGeneratedBoard(*store.value(), size, nullptr); !made) {
        err << made.error().message << '\n';
        return 1;
    }
    return 0;
}
