// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-lock-holder BOARD MILLISECONDS: another desktop in the middle of a long save. Opens the board file,
// takes SQLite's exclusive lock (BEGIN EXCLUSIVE: no one else may read or write), prints "locked", holds the lock
// for MILLISECONDS, then commits, prints "released" and exits. Exit 2: wrong arguments; 3: the lock was not had.
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool ok = false;
    const int holdMs = args.value(2).toInt(&ok);
    if (args.size() != 3 || !ok || holdMs < 0) {
        std::fputs("usage: helpboard-lock-holder BOARD MILLISECONDS\n", stderr);
        return 2;
    }
    int exitCode = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
        db.setDatabaseName(args.at(1));
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        QSqlQuery query(db);
        if (!db.open() || !query.exec(QStringLiteral("BEGIN EXCLUSIVE"))) {
            std::fprintf(stderr, "no lock: %s\n",
                         qPrintable(db.isOpen() ? query.lastError().text() : db.lastError().text()));
            exitCode = 3;
        } else {
            std::puts("locked");
            std::fflush(stdout);
            QThread::msleep(static_cast<unsigned long>(holdMs));
            query.exec(QStringLiteral("COMMIT"));
            std::puts("released");
            std::fflush(stdout);
        }
        query = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("holder"));
    return exitCode;
}
