// SPDX-License-Identifier: GPL-3.0-or-later
// What BoardStore::open and BoardStore::create accept and refuse, and that a refused file is never touched.
#include "support/testsupport.h"

#include <storage/boardstore.h>
#include <storage/sqlite/damagemark.h>
#include <storage/sqlite/schema.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace hb::tests;
using namespace hb::storage;
using namespace Qt::StringLiterals;

namespace {

/// Ways to make a file that BoardStore::open must refuse.
enum class Damage { TextFile, EmptyFile, ForeignSqlite, MarkedButNoSchema, NewerSchema, Truncated, GarbageInMiddle };

const QString s_creator = u"alice"_s;

/// A real board with @p cardCount cards whose descriptions fill a good number of pages.
QString makeBoard(const QString &path, int cardCount)
{
    auto store = BoardStore::create(path, u"Help desk"_s, optionsFor(s_creator));
    if (!store)
        return describe(store.error());
    auto columns = store.value()->columns();
    if (!columns || columns->isEmpty())
        return u"the new board has no columns"_s;
    for (int i = 0; i < cardCount; ++i) {
        NewCard card;
        card.columnId = columns->constFirst().id;
        card.title = u"Ticket %1"_s.arg(i);
        card.description = u"Printer on floor %1 prints blank pages. "_s.arg(i).repeated(25);
        card.assignee = u""_s;
        card.requester = u""_s;
        if (auto created = store.value()->createCard(card); !created)
            return describe(created.error());
    }
    return {};
}

/// Overwrites the page in the middle of a board with random bytes, far from the schema and meta pages.
QString overwriteMiddlePage(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return file.errorString();
    const QByteArray header = file.read(100);
    qint64 pageSize = (quint8(header.at(16)) << 8) | quint8(header.at(17));
    if (pageSize == 1)
        pageSize = 65536;
    const qint64 pages = file.size() / pageSize;
    if (pages < 20)
        return u"the board is too small (%1 pages) to damage only its middle"_s.arg(pages);
    QByteArray garbage(pageSize, Qt::Uninitialized);
    QRandomGenerator generator(20240229);
    for (char &byte : garbage)
        byte = char(generator.bounded(256));
    if (!file.seek((pages / 2) * pageSize) || file.write(garbage) != garbage.size())
        return file.errorString();
    return {};
}

} // namespace

Q_DECLARE_METATYPE(Damage)
Q_DECLARE_METATYPE(hb::storage::ErrorKind)

class tst_OpeningRules : public QObject
{
    Q_OBJECT

private:
    /// Makes the damaged file of @p damage in @p folder and returns its path, or an empty string after a failure.
    QString prepare(Damage damage, const QString &folder, QString *problem)
    {
        const QString path = folder + u"/board.helpboard"_s;
        switch (damage) {
        case Damage::TextFile:
            if (!writeFile(path, "Shopping list\n- milk\n- printer toner\n"))
                *problem = u"cannot write "_s + path;
            break;
        case Damage::EmptyFile:
            if (!writeFile(path, {}))
                *problem = u"cannot write "_s + path;
            break;
        case Damage::ForeignSqlite:
            *problem = rawSql(path, {u"CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)"_s,
                                     u"INSERT INTO invoices (total) VALUES (12.5)"_s})
                               .error;
            break;
        case Damage::MarkedButNoSchema:
            *problem = rawSql(path, {u"PRAGMA application_id = %1"_s.arg(schema::s_applicationId),
                                     u"CREATE TABLE scratch (x)"_s})
                               .error;
            break;
        case Damage::NewerSchema:
            *problem = makeBoard(path, 1);
            if (problem->isEmpty())
                *problem = rawSql(path, {u"PRAGMA user_version = 99"_s}).error;
            break;
        case Damage::Truncated:
            *problem = makeBoard(path, 40);
            if (problem->isEmpty() && !QFile::resize(path, QFileInfo(path).size() / 2))
                *problem = u"cannot truncate %1"_s.arg(path);
            break;
        case Damage::GarbageInMiddle:
            *problem = makeBoard(path, 150);
            // An old last check makes the open-time quick_check run.
            if (problem->isEmpty())
                *problem = rawSql(path, {u"UPDATE meta SET value = '0' WHERE key = 'last_check_at'"_s}).error;
            if (problem->isEmpty())
                *problem = overwriteMiddlePage(path);
            if (problem->isEmpty()) {
                const RawResult check = rawSql(path, {u"PRAGMA quick_check"_s});
                if (check.error.isEmpty() && check.rows.size() == 1 && check.rows[0][0].toString() == u"ok")
                    *problem = u"the garbage did not damage the board (quick_check says ok)"_s;
            }
            break;
        }
        return problem->isEmpty() ? path : QString();
    }

private Q_SLOTS:
    void shouldRefuseFilesThatAreNotSoundBoards_data()
    {
        QTest::addColumn<Damage>("damage");
        QTest::addColumn<ErrorKind>("expectedKind");
        QTest::addColumn<QString>("expectedWords");
        QTest::newRow("text file") << Damage::TextFile << ErrorKind::NotABoard << u"not an SQLite database"_s;
        QTest::newRow("empty file") << Damage::EmptyFile << ErrorKind::NotABoard << u"empty file"_s;
        QTest::newRow("foreign SQLite database")
                << Damage::ForeignSqlite << ErrorKind::NotABoard << u"not a HelpBoard board"_s;
        QTest::newRow("our application_id, user_version 0")
                << Damage::MarkedButNoSchema << ErrorKind::NotABoard << u"holds no board"_s;
        QTest::newRow("newer schema") << Damage::NewerSchema << ErrorKind::TooNew << u"update HelpBoard"_s;
        QTest::newRow("truncated board") << Damage::Truncated << ErrorKind::Corrupt << u"damaged"_s;
        QTest::newRow("garbage in the middle") << Damage::GarbageInMiddle << ErrorKind::Corrupt << u"damaged"_s;
    }

    void shouldRefuseFilesThatAreNotSoundBoards()
    {
        QFETCH(Damage, damage);
        QFETCH(ErrorKind, expectedKind);
        QFETCH(QString, expectedWords);
        // GIVEN a file that is not a sound board of this program's schema
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString problem;
        const QString path = prepare(damage, dir.path(), &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QByteArray before = sha256Of(path);
        QVERIFY(!before.isEmpty());

        // WHEN it is opened
        auto store = BoardStore::open(path, optionsFor(s_creator));

        // THEN it is refused with the right kind and a message that names the file, and not one byte changed
        QVERIFY2(!store, "a damaged or foreign file was opened");
        QCOMPARE(store.error().kind, expectedKind);
        QVERIFY2(store.error().message.contains(QFileInfo(path).fileName()), qPrintable(store.error().message));
        QVERIFY2(store.error().message.contains(expectedWords), qPrintable(store.error().message));
        QCOMPARE(sha256Of(path), before);
    }

    void shouldOpenCorruptBoardReadOnlyWhenAllowed()
    {
        // GIVEN a board with garbage in its middle and a health check that is due
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString problem;
        const QString path = prepare(Damage::GarbageInMiddle, dir.path(), &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QByteArray before = sha256Of(path);

        // WHEN it is opened with allowCorruptReadOnly
        StoreOptions options = optionsFor(s_creator);
        options.allowCorruptReadOnly = true;
        {
            auto store = BoardStore::open(path, options);

            // THEN it opens read-only, says why, and refuses writes
            QVERIFY2(store, qPrintable(describe(store)));
            BoardStore &board = *store.value();
            QVERIFY(board.isReadOnly());
            QVERIFY2(board.readOnlyReason().contains(u"damaged"_s), qPrintable(board.readOnlyReason()));
            QVERIFY2(board.readOnlyReason().contains(QFileInfo(path).fileName()), qPrintable(board.readOnlyReason()));
            auto columns = board.columns();
            QVERIFY2(columns && !columns->isEmpty(), "the columns of a damaged board should still be readable");
            NewCard card;
            card.columnId = columns->constFirst().id;
            card.title = u"Should not be written"_s;
            auto created = board.createCard(card);
            QVERIFY2(!created, "a write to a corrupt board succeeded");
            // refused as damage (helpboard-cli exit 6), not as a read-only share
            QCOMPARE(created.error().kind, ErrorKind::Corrupt);
            QCOMPARE(board.renameBoard(u"Renamed"_s).error().kind, ErrorKind::Corrupt);
        }
        QCOMPARE(sha256Of(path), before);
    }

    void shouldOpenWalBoardReadOnlyWithoutConvertingIt()
    {
        // GIVEN a board that another program switched to WAL journal mode
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"board.helpboard"_s);
        const QString made = makeBoard(path, 3);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const RawResult switched = rawSql(path, {u"PRAGMA journal_mode = WAL"_s});
        QVERIFY2(switched.error.isEmpty(), qPrintable(switched.error));
        QCOMPARE(switched.rows.value(0).value(0).toString(), u"wal"_s);
        const QByteArray before = sha256Of(path);

        // WHEN HelpBoard opens it
        {
            auto store = BoardStore::open(path, optionsFor(s_creator));

            // THEN it is readable, read-only with a reason naming WAL, and every write is refused
            QVERIFY2(store, qPrintable(describe(store)));
            BoardStore &board = *store.value();
            QVERIFY(board.isReadOnly());
            QVERIFY2(board.readOnlyReason().contains(u"WAL"_s), qPrintable(board.readOnlyReason()));
            QVERIFY2(board.readOnlyReason().contains(QFileInfo(path).fileName()), qPrintable(board.readOnlyReason()));
            auto cards = board.cards();
            QVERIFY2(cards, qPrintable(describe(cards)));
            QCOMPARE(cards->size(), 3);
            NewCard card;
            card.columnId = cards->constFirst().columnId;
            card.title = u"Should not be written"_s;
            auto created = board.createCard(card);
            QVERIFY2(!created, "a write to a WAL board succeeded");
            QCOMPARE(created.error().kind, ErrorKind::ReadOnly);
        }

        // AND the file is still in WAL mode (header bytes 18 and 19 are 2) and unchanged
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray header = file.read(100);
        file.close();
        QCOMPARE(int(header.at(18)), 2);
        QCOMPARE(int(header.at(19)), 2);
        QCOMPARE(sha256Of(path), before);
    }

    void shouldNotCreateAnythingWhenOpeningMissingPaths_data()
    {
        QTest::addColumn<QString>("relativePath");
        QTest::addColumn<QString>("namedInMessage");
        QTest::newRow("missing folder") << u"no-such-folder/board.helpboard"_s << u"no-such-folder"_s;
        QTest::newRow("missing file") << u"board.helpboard"_s << u"board.helpboard"_s;
    }

    void shouldNotCreateAnythingWhenOpeningMissingPaths()
    {
        QFETCH(QString, relativePath);
        QFETCH(QString, namedInMessage);
        // GIVEN an empty folder
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        // WHEN a board is opened at a path below it that does not exist
        auto store = BoardStore::open(dir.filePath(relativePath), optionsFor(s_creator));

        // THEN it is NotFound, the message names what is missing, and the folder is still empty
        QVERIFY(!store);
        QCOMPARE(store.error().kind, ErrorKind::NotFound);
        QVERIFY2(store.error().message.contains(namedInMessage), qPrintable(store.error().message));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    }

    void shouldRefuseToCreateOverExistingFileOrInMissingFolder_data()
    {
        QTest::addColumn<QString>("relativePath");
        QTest::addColumn<QByteArray>("existingContent"); // null: no file there
        QTest::addColumn<QString>("boardName");
        QTest::addColumn<ErrorKind>("expectedKind");
        QTest::newRow("existing file") << u"board.helpboard"_s << QByteArray("my notes\n") << u"Help desk"_s
                                       << ErrorKind::Invalid;
        QTest::newRow("existing empty file")
                << u"board.helpboard"_s << QByteArray("") << u"Help desk"_s << ErrorKind::Invalid;
        QTest::newRow("missing folder") << u"no-such-folder/board.helpboard"_s << QByteArray() << u"Help desk"_s
                                        << ErrorKind::NotFound;
        QTest::newRow("blank board name") << u"board.helpboard"_s << QByteArray() << u"   "_s << ErrorKind::Invalid;
    }

    void shouldRefuseToCreateOverExistingFileOrInMissingFolder()
    {
        QFETCH(QString, relativePath);
        QFETCH(QByteArray, existingContent);
        QFETCH(QString, boardName);
        QFETCH(ErrorKind, expectedKind);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(relativePath);
        if (!existingContent.isNull()) {
            QVERIFY2(writeFile(path, existingContent), qPrintable(path));
        }
        const QStringList entriesBefore = QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);

        auto store = BoardStore::create(path, boardName, optionsFor(s_creator));

        QVERIFY2(!store, "create() succeeded where it must refuse");
        QCOMPARE(store.error().kind, expectedKind);
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), entriesBefore);
        if (!existingContent.isNull()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), existingContent);
            QVERIFY2(store.error().message.contains(QFileInfo(path).fileName()), qPrintable(store.error().message));
        }
    }

    void shouldCreateMarkedBoardWithDefaultColumnsAndAdminCreator()
    {
        // GIVEN an empty folder
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"board.helpboard"_s);

        // WHEN a board is created there
        {
            auto store = BoardStore::create(path, u"  Help desk  "_s, optionsFor(u"Alice"_s));

            // THEN the creator is its admin and it has To-do, Doing and Done
            QVERIFY2(store, qPrintable(describe(store)));
            BoardStore &board = *store.value();
            QVERIFY(!board.isReadOnly());
            QCOMPARE(board.login(), u"alice"_s);
            QCOMPARE(board.role(), Role::Admin);
            QCOMPARE(board.boardName().value(), u"Help desk"_s);
            auto members = board.members();
            QVERIFY(members);
            QCOMPARE(members->size(), 1);
            QCOMPARE(members->constFirst().login, u"alice"_s);
            QCOMPARE(members->constFirst().role, Role::Admin);
            auto columns = board.columns();
            QVERIFY(columns);
            QStringList names;
            QList<ColumnKind> kinds;
            for (const Column &column : *columns) {
                names << column.name;
                kinds << column.kind;
            }
            QCOMPARE(names, (QStringList{u"To-do"_s, u"Doing"_s, u"Done"_s}));
            QCOMPARE(kinds, (QList<ColumnKind>{ColumnKind::Todo, ColumnKind::Doing, ColumnKind::Done}));
            QCOMPARE(board.verify().value(), QStringList());
        }

        // AND the file carries HelpBoard's application_id and the current schema version
        const RawResult marks = rawSql(path, {u"SELECT (SELECT application_id FROM pragma_application_id), "
                                              u"(SELECT user_version FROM pragma_user_version)"_s});
        QVERIFY2(marks.error.isEmpty(), qPrintable(marks.error));
        QCOMPARE(marks.rows.value(0).value(0).toInt(), schema::s_applicationId);
        QCOMPARE(marks.rows.value(0).value(1).toInt(), schema::s_currentVersion);

        // AND it opens again as a writable board
        auto reopened = BoardStore::open(path, optionsFor(u"alice"_s));
        QVERIFY2(reopened, qPrintable(describe(reopened)));
        QVERIFY(!reopened.value()->isReadOnly());
        QCOMPARE(reopened.value()->role(), Role::Admin);
    }

    void shouldKeepThisProcessLocksWhileReadingTheHeader_data()
    {
        QTest::addColumn<QString>("reader");
        QTest::newRow("another store opens the board") << u"open"_s;
        QTest::newRow("a damage mark takes the file's fingerprint") << u"fingerprint"_s;
    }

    // POSIX drops all of a process's locks on a file when it closes any descriptor of it: reading the board's header
    // through a descriptor of its own would let a colleague write in the middle of this process's commit.
    void shouldKeepThisProcessLocksWhileReadingTheHeader()
    {
        QFETCH(QString, reader);
        const QString sqlite = QStandardPaths::findExecutable(u"sqlite3"_s);
        if (sqlite.isEmpty())
            HB_SKIP_UNLESS_CI("the sqlite3 shell is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"board.helpboard"_s);
        const QString made = makeBoard(path, 1);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const auto otherProcessReads = [&] {
            QProcess shell;
            shell.start(sqlite, {u"-readonly"_s, path, u"SELECT count(*) FROM cards;"_s});
            return shell.waitForFinished(10000) && shell.exitStatus() == QProcess::NormalExit && shell.exitCode() == 0;
        };
        QVERIFY(otherProcessReads());

        // GIVEN a connection of this process holding the board's exclusive lock (a commit under way)
        {
            QSqlDatabase holder = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"holder"_s);
            holder.setDatabaseName(path);
            QVERIFY(holder.open());
            QSqlQuery begin(holder);
            QVERIFY2(begin.exec(u"BEGIN EXCLUSIVE"_s), qPrintable(begin.lastError().text()));
            QVERIFY2(!otherProcessReads(), "another process read the board while this one held its exclusive lock");

            // WHEN this process reads the board's header beside it
            if (reader == u"open"_s)
                (void)BoardStore::open(path, optionsFor(s_creator, 100)); // busy: the header is read all the same
            else
                QVERIFY(!DamageMark::fingerprintOf(path).isEmpty());

            // THEN the lock is still held: another process still cannot read half a commit
            QVERIFY2(!otherProcessReads(), "reading the header dropped this process's lock on the board");
            QVERIFY(QSqlQuery(holder).exec(u"ROLLBACK"_s));
            holder.close();
        }
        QSqlDatabase::removeDatabase(u"holder"_s);
        QVERIFY(otherProcessReads());
    }

    void shouldRefuseWritesInCliWhenFileIsReadOnly()
    {
#ifdef Q_OS_UNIX
        if (geteuid() != 0)
            HB_SKIP_UNLESS_CI(
                    "needs root to run helpboard-cli as an unprivileged user (permission bits do not stop root)");
#else
        QSKIP("needs setpriv (Linux)");
#endif
        const QString setpriv = QStandardPaths::findExecutable(u"setpriv"_s);
        if (setpriv.isEmpty())
            HB_SKIP_UNLESS_CI("setpriv (util-linux) is not installed");
        const QString cli = qEnvironmentVariable("HELPBOARD_CLI");
        if (cli.isEmpty() || !QFileInfo(cli).isExecutable())
            QSKIP("HELPBOARD_CLI does not name the helpboard-cli executable (run through ctest)");

        // GIVEN a board owned by root in a folder others may enter and read, but not write
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QFileDevice::Permissions traversable =
                QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
                | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther;
        QVERIFY(QFile::setPermissions(dir.path(), traversable));
        const QString folder = dir.filePath(u"share"_s);
        QVERIFY(QDir().mkdir(folder));
        QVERIFY(QFile::setPermissions(folder, traversable));
        for (QDir parent(dir.path()); !parent.isRoot();) {
            QVERIFY(parent.cdUp());
            if (!QFileInfo(parent.path()).permission(QFileDevice::ExeOther))
                QSKIP(qPrintable(u"%1 (the temporary folder's parent) is closed to other users"_s.arg(parent.path())));
        }
        const QString cliForNobody = programForOtherUsers(cli, dir.path());
        const QString path = folder + u"/board.helpboard"_s;
        const QString made = makeBoard(path, 1);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        for (const QString &entry : QDir(folder).entryList(QDir::Files | QDir::Hidden)) {
            QVERIFY(QFile::setPermissions(folder + u'/' + entry, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                                         | QFileDevice::ReadGroup
                                                                         | QFileDevice::ReadOther));
        }
        const QByteArray before = sha256Of(path);
        const QStringList entriesBefore = QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);

        const auto runAsNobody = [&](const QStringList &command, QString *output) {
            QProcess process;
            process.setProgram(setpriv);
            process.setArguments(QStringList{u"--reuid=65534"_s, u"--regid=65534"_s, u"--clear-groups"_s, cliForNobody,
                                             u"--board"_s, path, u"--as"_s, u"bob"_s}
                                 + command);
            process.start();
            if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
                return -1;
            *output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
            return process.exitCode();
        };

        // WHEN an unprivileged user adds a card, THEN the CLI says read-only (exit 5)
        QString output;
        QCOMPARE(runAsNobody({u"add"_s, u"--title"_s, u"x"_s}, &output), 5);
        QVERIFY2(output.contains(u"read-only"_s), qPrintable(output));

        // WHEN the same user lists the cards, THEN reading works (exit 0)
        QCOMPARE(runAsNobody({u"list"_s}, &output), 0);
        QVERIFY2(output.contains(u"Ticket 0"_s), qPrintable(output));

        // AND nothing was written
        QCOMPARE(sha256Of(path), before);
        QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), entriesBefore);
    }
};

QTEST_GUILESS_MAIN(tst_OpeningRules)
#include "tst_openingrules.moc"
