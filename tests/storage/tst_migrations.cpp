// SPDX-License-Identifier: GPL-3.0-or-later
// Schema recognition and forward migration, with injected steps on real v1 boards made by BoardStore::create.
#include "support/testsupport.h"

#include <storage/boardstore.h>
#include <storage/lockprobe.h>
#include <storage/sqlite/connection.h>
#include <storage/sqlite/schema.h>

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>
#include <QUuid>

#include <memory>
#include <vector>

using namespace hb::tests;
using namespace hb::storage;
using namespace Qt::StringLiterals;

namespace {

const QString s_creator = u"alice"_s;
const QStringList s_cardTitles = {u"Printer jam"_s, u"VPN drops"_s, u"New laptop for Sam"_s};

QString rawExec(const QString &path, const QStringList &statements);

/**
 * A v1 board with the cards of s_cardTitles; returns an error or nothing. Made as a current board, then taken back
 * to v1 by undoing what migrate1to2 adds: v1's own statements are frozen (schema::v1Statements()).
 */
QString makeV1Board(const QString &path)
{
    {
        auto store = BoardStore::create(path, u"Help desk"_s, optionsFor(s_creator));
        if (!store)
            return describe(store);
        auto columns = store.value()->columns();
        if (!columns || columns->isEmpty())
            return u"the new board has no columns"_s;
        for (const QString &title : s_cardTitles) {
            NewCard card;
            card.columnId = columns->constFirst().id;
            card.title = title;
            if (auto created = store.value()->createCard(card); !created)
                return describe(created);
        }
    }
    // (v4's status CHECK back as v1 wrote it: the store is closed, no connection holds the schema read before)
    // v9 made the attachments table again (card_id optional, article_id): back to v1's, the same rows.
    QString v1Attachments;
    for (const QString &statement : schema::v1Statements()) {
        if (statement.startsWith(u"CREATE TABLE attachments ("_s))
            v1Attachments = statement;
    }
    v1Attachments.replace(u"CREATE TABLE attachments ("_s, u"CREATE TABLE attachments_v1 ("_s);
    QStringList undo{v1Attachments,
                     u"INSERT INTO attachments_v1 SELECT id, card_id, kind, name, link_path, sha256, size, mime_type, "
                     u"state, created_at, created_by, deleted_at, deleted_by, version FROM attachments"_s,
                     u"DROP TABLE attachments"_s,
                     u"ALTER TABLE attachments_v1 RENAME TO attachments"_s,
                     u"CREATE INDEX attachments_by_card ON attachments(card_id)"_s,
                     u"CREATE INDEX attachments_by_hash ON attachments(sha256)"_s,
                     u"DROP TABLE card_sources"_s,
                     u"DROP TABLE articles_fts"_s,
                     u"DROP TABLE card_articles"_s,
                     u"DROP TABLE article_labels"_s,
                     u"DROP TABLE articles"_s,
                     u"DROP TRIGGER metric_cache_stale"_s,
                     u"DROP TABLE metric_cache"_s};
    for (const QString &view :
         {u"metrics_technicians"_s, u"metrics_escalations"_s, u"metrics_labels"_s, u"metrics_channels"_s,
          u"metrics_days"_s, u"metrics_summary"_s, u"metrics_tickets"_s, u"metrics_assignments"_s, u"metrics_stays"_s})
        undo << u"DROP VIEW "_s + view;
    return rawExec(path,
                   undo
                           + QStringList{u"ALTER TABLE cards DROP COLUMN first_contact"_s, u"DROP TABLE escalations"_s,
                                         u"DROP TABLE escalation_targets"_s, u"DROP TABLE checklist_templates"_s,
                                         u"DROP TABLE presence"_s, u"DELETE FROM meta WHERE key = 'board_uuid'"_s,
                                         u"DROP TABLE service_levels"_s, u"PRAGMA writable_schema = ON"_s,
                                         u"UPDATE sqlite_master SET sql = replace(sql, ', ''waiting-requester'', "
                                         u"''waiting-vendor''', '') "
                                         u"WHERE name = 'cards'"_s,
                                         u"PRAGMA writable_schema = OFF"_s, u"PRAGMA user_version = 1"_s});
}

/// A board at schema @p version: a v1 board brought there by this program's own steps (v3: the last before service
/// levels; v4: the last before escalation targets).
QString makeBoardAt(const QString &path, int version)
{
    if (const QString made = makeV1Board(path); !made.isEmpty())
        return made;
    Connection connection;
    if (!connection.open(path, Connection::Mode::ReadWrite))
        return u"could not open the v1 board"_s;
    const Status migrated = schema::migrate(connection, 1, version, schema::migrationSteps(), path + u".v1-backup"_s);
    return migrated ? QString() : describe(migrated.error());
}

/// Runs @p statements on a separate plain QSqlDatabase connection and closes it again; returns an error or nothing.
QString rawExec(const QString &path, const QStringList &statements)
{
    QString error;
    const QString name = u"raw-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            for (const QString &sql : statements) {
                QSqlQuery query(db);
                if (!query.exec(sql)) {
                    error = sql + u": "_s + query.lastError().text();
                    break;
                }
                while (query.next()) { }
                query.finish();
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

/// The first column of every row of @p sql, read to the end.
QStringList column(Connection &connection, const QString &sql, QString *error)
{
    QStringList values;
    auto query = connection.exec(sql);
    if (!query) {
        *error = describe(query);
        return values;
    }
    while (query->next())
        values << query->value(0).toString();
    query.value().finish();
    return values;
}

int userVersion(Connection &connection)
{
    auto version = connection.scalar(u"PRAGMA user_version"_s);
    return version ? version->toInt() : -1;
}

/**
 * Migration steps from a plan: entry i is the step from version i + 1, "add" (adds column x_v<to> to cards),
 * "fail" (adds the column, then fails, so its change must roll back) or "missing" (no step at all).
 */
QList<schema::MigrationStep> stepsFor(const QStringList &plan)
{
    QList<schema::MigrationStep> steps;
    for (int i = 0; i < plan.size(); ++i) {
        if (plan.at(i) == u"missing")
            continue;
        const int from = i + 1;
        const QString added = u"x_v%1"_s.arg(from + 1);
        const bool fails = plan.at(i) == u"fail";
        steps << schema::MigrationStep{
                from, [added, fails](Connection &connection) -> Status {
                    auto altered = connection.run(u"ALTER TABLE cards ADD COLUMN "_s + added
                                                  + u" INTEGER NOT NULL DEFAULT 7"_s);
                    if (!altered)
                        return altered.error();
                    if (fails)
                        return Error{ErrorKind::Invalid, u"step %1 broke on purpose"_s.arg(added)};
                    return {};
                }};
    }
    return steps;
}

} // namespace

Q_DECLARE_METATYPE(hb::storage::ErrorKind)

class tst_Migrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldMigrateStepByStepAndStopAtFirstFailure_data()
    {
        QTest::addColumn<QStringList>("plan");
        QTest::addColumn<int>("target");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<int>("versionAfter");
        QTest::addColumn<QStringList>("columnsAfter"); // the x_v<n> columns cards has afterwards
        QTest::addColumn<QStringList>("messageWords");
        QTest::addColumn<bool>("backupMade");

        QTest::newRow("1->2") << QStringList{u"add"_s} << 2 << true << 2 << QStringList{u"x_v2"_s} << QStringList()
                              << true;
        QTest::newRow("1->2->3") << QStringList{u"add"_s, u"add"_s} << 3 << true << 3
                                 << QStringList{u"x_v2"_s, u"x_v3"_s} << QStringList() << true;
        QTest::newRow("1->2 fails") << QStringList{u"fail"_s} << 2 << false << 1 << QStringList()
                                    << QStringList{u"left at schema 1"_s, u"broke on purpose"_s} << true;
        QTest::newRow("1->2->3, 2->3 fails")
                << QStringList{u"add"_s, u"fail"_s} << 3 << false << 2 << QStringList{u"x_v2"_s}
                << QStringList{u"left at schema 2"_s, u"broke on purpose"_s} << true;
        // A gap in the chain is found before anything is written.
        QTest::newRow("no step 1->2") << QStringList() << 2 << false << 1 << QStringList()
                                      << QStringList{u"no upgrade from board schema 1"_s, u"not changed"_s} << false;
        QTest::newRow("no step 2->3") << QStringList{u"add"_s, u"missing"_s} << 3 << false << 1 << QStringList()
                                      << QStringList{u"no upgrade from board schema 2"_s, u"not changed"_s} << false;
    }

    void shouldMigrateStepByStepAndStopAtFirstFailure()
    {
        QFETCH(QStringList, plan);
        QFETCH(int, target);
        QFETCH(bool, succeeds);
        QFETCH(int, versionAfter);
        QFETCH(QStringList, columnsAfter);
        QFETCH(QStringList, messageWords);
        QFETCH(bool, backupMade);
        // GIVEN a v1 board with three cards
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"board.helpboard"_s);
        const QString made = makeV1Board(path);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const QString backupPath = dir.filePath(u"board.helpboard.v1-backup"_s);
        Connection connection;
        QVERIFY(connection.open(path, Connection::Mode::ReadWrite));
        QCOMPARE(schema::detectVersion(connection).value(), 1);

        // WHEN it is migrated with the planned steps
        const Status migrated = schema::migrate(connection, 1, target, stepsFor(plan), backupPath);

        // THEN it succeeds or fails as planned, with a message that says what happened and where the backup is
        QCOMPARE(bool(migrated), succeeds);
        if (!succeeds) {
            for (const QString &words : messageWords)
                QVERIFY2(migrated.error().message.contains(words), qPrintable(migrated.error().message));
            if (backupMade)
                QVERIFY2(migrated.error().message.contains(backupPath), qPrintable(migrated.error().message));
        }

        // AND the file is at the last good version, with exactly the columns of the steps that committed
        QCOMPARE(userVersion(connection), versionAfter);
        QString error;
        QStringList added;
        for (const QString &name : column(connection, u"SELECT name FROM pragma_table_info('cards')"_s, &error)) {
            if (name.startsWith(u"x_v"_s))
                added << name;
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(added, columnsAfter);

        // AND no card was lost
        QCOMPARE(column(connection, u"SELECT title FROM cards ORDER BY id"_s, &error), s_cardTitles);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(column(connection, u"PRAGMA integrity_check"_s, &error), QStringList{u"ok"_s});
        connection.close();

        // AND the backup, if one was due, is a readable v1 board with the same cards
        QCOMPARE(QFile::exists(backupPath), backupMade);
        if (!backupMade)
            return;
        {
            Connection backup;
            QVERIFY(backup.open(backupPath, Connection::Mode::ReadOnly));
            QCOMPARE(schema::detectVersion(backup).value(), 1);
        }
        auto backup = BoardStore::open(backupPath, optionsFor(s_creator));
        QVERIFY2(backup, qPrintable(describe(backup)));
        auto cards = backup.value()->cards();
        QVERIFY2(cards, qPrintable(describe(cards)));
        QStringList titles;
        for (const Card &card : *cards)
            titles << card.title;
        QCOMPARE(titles, s_cardTitles);
    }

    void shouldRefuseToMigrateWhenBackupPathIsTaken()
    {
        // GIVEN a v1 board and a file where the backup would go
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"board.helpboard"_s);
        const QString made = makeV1Board(path);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const QString backupPath = dir.filePath(u"board.helpboard.v1-backup"_s);
        {
            QFile taken(backupPath);
            QVERIFY(taken.open(QIODevice::WriteOnly));
            QVERIFY(taken.write("an older backup\n") > 0);
        }
        const QByteArray boardBefore = sha256Of(path);
        const QByteArray backupBefore = sha256Of(backupPath);

        // WHEN a migration is asked for
        bool stepRan = false;
        Status migrated;
        {
            Connection connection;
            QVERIFY(connection.open(path, Connection::Mode::ReadWrite));
            migrated = schema::migrate(connection, 1, 2,
                                       {{1,
                                         [&stepRan](Connection &) -> Status {
                                             stepRan = true;
                                             return {};
                                         }}},
                                       backupPath);
            QCOMPARE(userVersion(connection), 1);
        }

        // THEN it is refused before anything runs, naming the backup path, and neither file changed
        QVERIFY2(!migrated, "migrate overwrote an existing backup");
        QCOMPARE(migrated.error().kind, ErrorKind::Invalid);
        QVERIFY2(migrated.error().message.contains(backupPath), qPrintable(migrated.error().message));
        QVERIFY(!stepRan);
        QCOMPARE(sha256Of(path), boardBefore);
        QCOMPARE(sha256Of(backupPath), backupBefore);
    }

    void shouldDoNothingWhenAlreadyCurrent()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"board.helpboard"_s);
        const QString made = makeV1Board(path);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const QString backupPath = dir.filePath(u"board.helpboard.v1-backup"_s);
        Connection connection;
        QVERIFY(connection.open(path, Connection::Mode::ReadWrite));

        QVERIFY(schema::migrate(connection, 1, 1, stepsFor({u"add"_s}), backupPath));

        QCOMPARE(userVersion(connection), 1);
        QVERIFY2(!QFile::exists(backupPath), "a migration with nothing to do made a backup");
    }

    void shouldNotUpgradeWhereTheShareIsNotProvenToPassLocks()
    {
        // GIVEN a v1 board, in a process whose proof that the share passes locks fails
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"board.helpboard"_s);
        const QString made = makeV1Board(path);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const QByteArray before = sha256Of(path);
        LockProbe::setWriteGate([](const QString &, const QString &) -> Status {
            return Error{ErrorKind::ReadOnly, u"file locks do not reach between desk-1 and desk-2"_s};
        });
        // WHEN it is opened
        auto opened = BoardStore::open(path, optionsFor(u"ben"_s));
        LockProbe::setWriteGate({});
        // THEN it is not upgraded: read-only, saying why, the file as it was and no backup made
        QVERIFY(!opened);
        QCOMPARE(opened.error().kind, ErrorKind::ReadOnly);
        QVERIFY2(opened.error().message.contains(u"must be upgraded"), qPrintable(opened.error().message));
        QVERIFY2(opened.error().message.contains(u"file locks do not reach"), qPrintable(opened.error().message));
        QCOMPARE(sha256Of(path), before);
        QVERIFY(!QFile::exists(path + u".v1-backup"_s));
        // AND once the share is proven, the same board upgrades
        QVERIFY(BoardStore::open(path, optionsFor(u"ben"_s)));
        QVERIFY(QFile::exists(path + u".v1-backup"_s));
    }

    void shouldMigrateAV1BoardToV2WithTheShippedChecklistTemplates()
    {
        // GIVEN a v1 board with cards, and the tables of v1 only
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"board.helpboard"_s);
        const QString made = makeV1Board(path);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        {
            Connection connection;
            QVERIFY(connection.open(path, Connection::Mode::ReadOnly));
            QCOMPARE(schema::detectVersion(connection).value(), 1);
            QString error;
            QVERIFY(column(connection, u"SELECT name FROM sqlite_master WHERE name = 'checklist_templates'"_s, &error)
                            .isEmpty());
        }

        // WHEN this program opens it
        auto store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY2(store, qPrintable(describe(store)));

        // THEN it is at the current version (v2 on the way), with the four shipped templates, and every card is
        // still there
        {
            Connection connection;
            QVERIFY(connection.open(path, Connection::Mode::ReadOnly));
            QCOMPARE(userVersion(connection), schema::s_currentVersion);
        }
        auto templates = store.value()->checklistTemplates();
        QVERIFY2(templates, qPrintable(describe(templates)));
        QStringList names;
        for (const ChecklistTemplate &each : *templates) {
            names << each.name;
            QVERIFY(!each.items.isEmpty());
        }
        QCOMPARE(names, (QStringList{u"New hire set-up"_s, u"Password reset"_s, u"Printer troubleshooting"_s,
                                     u"Software install"_s}));
        QStringList titles;
        for (const Card &card : store.value()->cards().value())
            titles << card.title;
        QCOMPARE(titles, s_cardTitles);
        // AND a template fills a card's checklist on the migrated board
        const qint64 card = store.value()->cards()->constFirst().id;
        auto applied = store.value()->applyChecklistTemplate(card, templates->constFirst().id);
        QVERIFY2(applied, qPrintable(describe(applied)));
        QCOMPARE(applied->size(), templates->constFirst().items.size());

        // AND the backup next to it is the v1 board as it was
        Connection backup;
        QVERIFY(backup.open(path + u".v1-backup"_s, Connection::Mode::ReadOnly));
        QCOMPARE(schema::detectVersion(backup).value(), 1);
        QString error;
        QCOMPARE(column(backup, u"SELECT title FROM cards ORDER BY id"_s, &error), s_cardTitles);
    }

    void shouldAddPresenceToABoardWithoutItAndNoUpgrade()
    {
        // GIVEN a board made before presence: the current schema version, no presence table
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        QVERIFY(makeV1Board(path).isEmpty());
        QVERIFY(BoardStore::open(path, optionsFor(s_creator))); // migrated; migrations do not make the table
        const QByteArray before = sha256Of(path);

        // WHEN this program opens it, THEN no one is here, and opening it changed nothing
        auto store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY2(store, qPrintable(describe(store)));
        auto nobody = store.value()->presence(60'000);
        QVERIFY2(nobody, qPrintable(describe(nobody)));
        QVERIFY(nobody->isEmpty());
        store.value().reset();
        QCOMPARE(sha256Of(path), before);

        // WHEN it says it is here, THEN the table is made, with no new schema version (older programs still open it)
        store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY(store.value()->beatPresence(u"session-1"_s, 0));
        auto present = store.value()->presence(60'000);
        QVERIFY2(present, qPrintable(describe(present)));
        QCOMPARE(present->size(), 1);
        QCOMPARE(present->constFirst().login, s_creator);
        Connection connection;
        QVERIFY(connection.open(path, Connection::Mode::ReadOnly));
        QCOMPARE(userVersion(connection), schema::s_currentVersion);
        QStringList titles;
        for (const Card &card : store.value()->cards().value())
            titles << card.title;
        QCOMPARE(titles, s_cardTitles);
    }

    void shouldUseABackupAlreadyMadeOfThisBoardAtThisVersion()
    {
        // GIVEN a v1 board and a backup of it made by an upgrade that stopped (or a colleague's, a moment ago)
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        QVERIFY(makeV1Board(path).isEmpty());
        const QString backupPath = path + u".v1-backup"_s;
        QCOMPARE(rawExec(path, {u"VACUUM INTO '%1'"_s.arg(backupPath)}), QString());
        const QByteArray backupBefore = sha256Of(backupPath);
        // WHEN it is opened, THEN it is upgraded, and that backup kept as it was
        auto store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY2(store, qPrintable(describe(store)));
        QCOMPARE(store.value()->checklistTemplates()->size(), 4);
        QCOMPARE(sha256Of(backupPath), backupBefore);
    }

    void shouldUpgradeOnceWhenSeveralDesktopsOpenAnOldBoardAtOnce()
    {
        const QString cli = qEnvironmentVariable("HELPBOARD_CLI");
        QVERIFY2(!cli.isEmpty(), "HELPBOARD_CLI must name the helpboard-cli executable (ctest sets it)");
        // GIVEN a v1 board on the share
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        QVERIFY(makeV1Board(path).isEmpty());
        // WHEN four desktops open it at the same moment
        std::vector<std::unique_ptr<QProcess>> desktops;
        for (int i = 0; i < 4; ++i) {
            auto process = std::make_unique<QProcess>();
            process->start(cli, {u"--board"_s, path, u"--as"_s, s_creator, u"list"_s, u"--json"_s});
            desktops.push_back(std::move(process));
        }
        // THEN every one of them opens it, it is upgraded once, with one backup and nothing half-made left
        for (auto &process : desktops) {
            QVERIFY(process->waitForFinished(60000));
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
            QCOMPARE(QJsonDocument::fromJson(process->readAllStandardOutput()).array().size(), s_cardTitles.size());
        }
        Connection connection;
        QVERIFY(connection.open(path, Connection::Mode::ReadOnly));
        QCOMPARE(userVersion(connection), schema::s_currentVersion);
        QString error;
        QCOMPARE(column(connection, u"SELECT count(*) FROM checklist_templates"_s, &error), QStringList{u"4"_s});
        QCOMPARE(column(connection, u"PRAGMA integrity_check"_s, &error), QStringList{u"ok"_s});
        QStringList files = QDir(dir.path()).entryList(QDir::Files);
        // The lock probe's side file is there when one of them wrote (the upgrade, or the daily check's stamp).
        files.removeIf([](const QString &name) {
            return name.endsWith(u"-journal"_s) || name.endsWith(u".helpboard-locks"_s);
        });
        QCOMPARE(files, (QStringList{u"board.helpboard"_s, u"board.helpboard.v1-backup"_s}));
        Connection backup;
        QVERIFY(backup.open(path + u".v1-backup"_s, Connection::Mode::ReadOnly));
        QCOMPARE(schema::detectVersion(backup).value(), 1);
    }

    void shouldGiveEachBoardItsOwnUuidWhenMigratedToV3_data()
    {
        QTest::addColumn<int>("fromVersion");
        QTest::newRow("v1") << 1;
        QTest::newRow("v2") << 2;
    }

    void shouldGiveEachBoardItsOwnUuidWhenMigratedToV3()
    {
        QFETCH(int, fromVersion);
        // GIVEN two boards at an old version, neither with a UUID
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QStringList paths;
        for (const QString &name : {u"first.helpboard"_s, u"second.helpboard"_s}) {
            const QString path = dir.filePath(name);
            QCOMPARE(makeV1Board(path), QString());
            if (fromVersion == 2) {
                Connection connection;
                QVERIFY(connection.open(path, Connection::Mode::ReadWrite));
                QVERIFY(schema::migrate(connection, 1, 2, schema::migrationSteps(), path + u".v1-backup"_s));
            }
            paths << path;
        }
        auto uuidIn = [](const QString &path) {
            const RawResult rows = rawSql(path, {u"SELECT value FROM meta WHERE key = 'board_uuid'"_s});
            return rows.rows.isEmpty() ? QString() : rows.rows.first().first().toString();
        };
        QCOMPARE(uuidIn(paths.first()), QString());
        QCOMPARE(uuidIn(paths.last()), QString());

        // WHEN this program opens them
        QList<QUuid> uuids;
        for (const QString &path : std::as_const(paths)) {
            auto store = BoardStore::open(path, optionsFor(s_creator));
            QVERIFY2(store, qPrintable(describe(store)));
            // THEN each is at v3 with a UUID of its own, which BoardStore reports, and its cards are all there
            auto uuid = store.value()->boardUuid();
            QVERIFY2(uuid, qPrintable(describe(uuid)));
            QVERIFY(!uuid->isNull());
            QCOMPARE(QUuid(uuidIn(path)), *uuid);
            QCOMPARE(store.value()->cards()->size(), s_cardTitles.size());
            uuids << *uuid;
            Connection connection;
            QVERIFY(connection.open(path, Connection::Mode::ReadOnly));
            QCOMPARE(userVersion(connection), schema::s_currentVersion);
        }
        QVERIFY(uuids.first() != uuids.last());
        // AND opening again keeps it (the step ran once)
        auto again = BoardStore::open(paths.first(), optionsFor(s_creator));
        QVERIFY2(again, qPrintable(describe(again)));
        QCOMPARE(again.value()->boardUuid().value(), uuids.first());
    }

    void shouldMigrateAV3BoardToV4WithServiceLevelsAndTheWaitingStatuses()
    {
        // GIVEN a v3 board with cards, one of them blocked
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        QCOMPARE(makeBoardAt(path, 3), QString());
        QCOMPARE(rawExec(path, {u"UPDATE cards SET status = 'blocked' WHERE title = 'VPN drops'"_s}), QString());
        // AND a status v3 does not know is refused by the file itself
        QVERIFY(!rawSql(path, {u"UPDATE cards SET status = 'waiting-vendor'"_s}).error.isEmpty());

        // WHEN this program opens it
        auto store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY2(store, qPrintable(describe(store)));

        // THEN it is at the current version, with service levels whose calendar is in this desktop's time zone, and
        // defaults otherwise
        QCOMPARE(rawSql(path, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), schema::s_currentVersion);
        auto levels = store.value()->serviceLevels();
        QVERIFY2(levels, qPrintable(describe(levels)));
        QCOMPARE(levels->policy, QByteArray("{}"));
        QCOMPARE(levels->calendar, QByteArray(R"({"time_zone":")") + QTimeZone::systemTimeZoneId() + "\"}");
        QCOMPARE(levels->version, 1);
        // AND a card can wait on a vendor, the blocked one is still blocked, and the file is sound
        const QList<Card> cards = store.value()->cards().value();
        CardPatch waiting;
        waiting.status = StatusTag::WaitingVendor;
        QVERIFY2(store.value()->updateCard(cards.first().id, waiting), "a waiting status was refused");
        QCOMPARE(store.value()->card(cards.first().id)->status, StatusTag::WaitingVendor);
        QCOMPARE(
                rawSql(path, {u"SELECT count(*) FROM cards WHERE status = 'blocked'"_s}).rows.value(0).value(0).toInt(),
                1);
        QCOMPARE(rawSql(path, {u"PRAGMA integrity_check"_s}).rows.value(0).value(0).toString(), u"ok"_s);
        // AND the file still refuses a status nobody knows
        QVERIFY(!rawSql(path, {u"UPDATE cards SET status = 'lost'"_s}).error.isEmpty());
    }

    void shouldMigrateAV4BoardToV5KeepingItsEscalatedCards_data()
    {
        QTest::addColumn<bool>("escalated");
        QTest::newRow("a card escalated") << true;
        QTest::newRow("none escalated") << false;
    }

    void shouldMigrateAV4BoardToV5KeepingItsEscalatedCards()
    {
        QFETCH(bool, escalated);
        // GIVEN a v4 board, one of whose cards was escalated by ben (as v4 recorded it: who and when, no target)
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        QCOMPARE(makeBoardAt(path, 4), QString());
        constexpr qint64 s_escalatedAt = 1'780'000'000'000;
        if (escalated) {
            QCOMPARE(rawExec(path, {u"UPDATE cards SET escalated_at = %1, escalated_by = 'ben' WHERE title = 'VPN "
                                    u"drops'"_s.arg(s_escalatedAt)}),
                     QString());
            // (and one that was archived escalated: done with, its escalation ends when it was archived)
            QCOMPARE(rawExec(path, {u"UPDATE cards SET escalated_at = %1, escalated_by = 'ben', archived_at = %2 "
                                    u"WHERE title = 'Printer jam'"_s.arg(s_escalatedAt)
                                            .arg(s_escalatedAt + 60'000)}),
                     QString());
        }

        // WHEN this program opens it
        auto store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY2(store, qPrintable(describe(store)));

        // THEN it is at the current version, with a backup of the v4 file beside it
        QCOMPARE(rawSql(path, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), schema::s_currentVersion);
        QCOMPARE(rawSql(path + u".v4-backup"_s, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), 4);
        // AND the escalated card is escalated to a target "Second line" made for it, by ben at that time; no other is
        const QList<EscalationTarget> targets = store.value()->escalationTargets().value();
        QCOMPARE(targets.size(), escalated ? 1 : 0);
        for (const Card &card : store.value()->cards().value()) {
            const bool shouldBe = escalated && card.title == u"VPN drops";
            QCOMPARE(card.escalation.isEscalated(), shouldBe);
            if (!shouldBe)
                continue;
            QCOMPARE(card.escalation.targetName, u"Second line"_s);
            QCOMPARE(card.escalation.targetKind, EscalationKind::SecondLine);
            QCOMPARE(card.escalation.at, s_escalatedAt);
            QCOMPARE(card.escalation.by, u"ben"_s);
            // AND it can be taken back like any other
            CardPatch back;
            back.escalation = Escalation{};
            QVERIFY2(store.value()->updateCard(card.id, back), "the escalation was not taken back");
            QVERIFY(!store.value()->card(card.id)->escalation.isEscalated());
            QCOMPARE(store.value()->escalations(card.id)->size(), 1);
        }
        if (escalated) {
            const RawResult archived = rawSql(path, {u"SELECT e.ended_at, c.escalated_at FROM escalations e JOIN cards "
                                                     u"c ON c.id = e.card_id WHERE c.title = 'Printer jam'"_s});
            QCOMPARE(archived.rows.size(), 1);
            QCOMPARE(archived.rows.constFirst().at(0).toLongLong(), s_escalatedAt + 60'000);
            QVERIFY(archived.rows.constFirst().at(1).isNull());
        }
        QCOMPARE(rawSql(path, {u"PRAGMA integrity_check"_s}).rows.value(0).value(0).toString(), u"ok"_s);
        QCOMPARE(rawSql(path, {u"PRAGMA foreign_key_check"_s}).rows.size(), 0);
    }

    void shouldMigrateAV5BoardToV6WithTheFirstContactTick()
    {
        // GIVEN a v5 board with tickets
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        QCOMPARE(makeBoardAt(path, 5), QString());
        QVERIFY(!rawSql(path, {u"SELECT first_contact FROM cards"_s}).error.isEmpty());

        // WHEN this program opens it
        auto store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY2(store, qPrintable(describe(store)));

        // THEN it is at the current version, with a backup of the v5 file beside it, and no card ticked
        QCOMPARE(rawSql(path, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), schema::s_currentVersion);
        QCOMPARE(rawSql(path + u".v5-backup"_s, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), 5);
        const QList<Card> cards = store.value()->cards().value();
        QVERIFY(!cards.isEmpty());
        for (const Card &card : cards)
            QVERIFY(!card.firstContact);
        // AND a card can be ticked, in its history, and the file refuses anything but 0 and 1
        CardPatch tick;
        tick.firstContact = true;
        QVERIFY(store.value()->updateCard(cards.first().id, tick));
        QVERIFY(store.value()->card(cards.first().id)->firstContact);
        QVERIFY(store.value()->cardHistory(cards.first().id)->last().payload.contains("first_contact"));
        const QString refused = rawSql(path, {u"UPDATE cards SET first_contact = 2"_s}).error;
        QVERIFY2(refused.contains(u"CHECK constraint failed"), qPrintable(refused));
        QCOMPARE(rawSql(path, {u"PRAGMA integrity_check"_s}).rows.value(0).value(0).toString(), u"ok"_s);
    }

    void shouldMigrateAV6BoardToV7WithTheMetricsViews()
    {
        // GIVEN a v6 board with tickets, one of them resolved; and a new board, made at v7
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        QCOMPARE(makeBoardAt(path, 6), QString());
        QCOMPARE(rawExec(path, {u"UPDATE cards SET column_id = (SELECT id FROM columns WHERE kind = 'done'), "
                                u"created_at = created_at - 7200000, resolved_at = created_at - 3600000 "
                                u"WHERE title = 'VPN drops'"_s}),
                 QString());
        QVERIFY(!rawSql(path, {u"SELECT * FROM metrics_tickets"_s}).error.isEmpty());
        const QString fresh = dir.filePath(u"new.helpboard"_s);
        QVERIFY(BoardStore::create(fresh, u"New"_s, optionsFor(s_creator)));

        // WHEN this program opens the old one
        auto store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY2(store, qPrintable(describe(store)));

        // THEN it is at the current version, with a backup of the v6 file beside it
        QCOMPARE(rawSql(path, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), schema::s_currentVersion);
        QCOMPARE(rawSql(path + u".v6-backup"_s, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), 6);
        // AND it has the views a new board has, word for word
        const QString views = u"SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name"_s;
        const RawResult migrated = rawSql(path, {views});
        QCOMPARE(migrated.rows.size(), 9);
        QCOMPARE(migrated.rows, rawSql(fresh, {views}).rows);
        // AND they read its tickets: one row each, the resolved one resolved an hour after it was made
        const RawResult tickets = rawSql(path, {u"SELECT title, resolution_ms, open FROM metrics_tickets ORDER BY "
                                                u"title"_s});
        QVERIFY2(tickets.error.isEmpty(), qPrintable(tickets.error));
        QCOMPARE(tickets.rows.size(), s_cardTitles.size());
        for (const QVariantList &row : tickets.rows) {
            const bool resolved = row.at(0).toString() == u"VPN drops"_s;
            QCOMPARE(row.at(1).isNull(), !resolved);
            if (resolved)
                QCOMPARE(row.at(1).toLongLong(), 3'600'000LL);
            QCOMPARE(row.at(2).toInt(), resolved ? 0 : 1);
        }
        const RawResult summary = rawSql(path, {u"SELECT created, resolved, backlog FROM metrics_summary"_s});
        QCOMPARE(summary.rows.value(0), (QVariantList{s_cardTitles.size(), 1, s_cardTitles.size() - 1}));
        QCOMPARE(rawSql(path, {u"PRAGMA integrity_check"_s}).rows.value(0).value(0).toString(), u"ok"_s);
    }

    void shouldMigrateAV7BoardToV8WithTheMetricsCache()
    {
        // GIVEN a v7 board with tickets; and a new board, made at v8
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        QCOMPARE(makeBoardAt(path, 7), QString());
        QVERIFY(!rawSql(path, {u"SELECT * FROM metric_cache"_s}).error.isEmpty());
        const QString fresh = dir.filePath(u"new.helpboard"_s);
        QVERIFY(BoardStore::create(fresh, u"New"_s, optionsFor(s_creator)));

        // WHEN this program opens the old one
        auto store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY2(store, qPrintable(describe(store)));

        // THEN it is at the current version, with a backup of the v7 file beside it
        QCOMPARE(rawSql(path, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), schema::s_currentVersion);
        QCOMPARE(rawSql(path + u".v7-backup"_s, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), 7);
        // AND the cache's table and trigger a new board has, word for word, and nothing in it
        const QString parts =
                u"SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'metric_cache%' ORDER BY name"_s;
        const RawResult migrated = rawSql(path, {parts});
        QCOMPARE(migrated.rows.size(), 2);
        QCOMPARE(migrated.rows, rawSql(fresh, {parts}).rows);
        const QList<CachedMetrics> tickets = store.value()->metricCache().value();
        QCOMPARE(tickets.size(), s_cardTitles.size());
        for (const CachedMetrics &ticket : tickets)
            QVERIFY(ticket.data.isEmpty());
        // AND rows kept in it go with the next change to their ticket
        QCOMPARE(store.value()
                         ->storeMetricCache(store.value()->lastEventSeq().value(),
                                            {{tickets.at(0).cardId, "a"}, {tickets.at(1).cardId, "b"}})
                         .value(),
                 2);
        QVERIFY(store.value()->addComment(tickets.at(0).cardId, u"Still there"_s));
        QCOMPARE(rawSql(path, {u"SELECT card_id FROM metric_cache"_s}).rows,
                 QList<QVariantList>{{tickets.at(1).cardId}});
        QCOMPARE(rawSql(path, {u"PRAGMA integrity_check"_s}).rows.value(0).value(0).toString(), u"ok"_s);
    }

    void shouldMigrateAV8BoardToV9WithTheKnowledgeBase()
    {
        // GIVEN a v8 board with tickets; and a new board, made at v9
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        QCOMPARE(makeBoardAt(path, 8), QString());
        QVERIFY(!rawSql(path, {u"SELECT * FROM articles"_s}).error.isEmpty());
        // (with a card's file and link, as v8 kept them)
        QCOMPARE(rawExec(path, {u"INSERT INTO attachment_chunks (sha256, seq, data) VALUES ('abc', 0, X'6869')"_s,
                                u"INSERT INTO attachments (id, card_id, kind, name, sha256, size, state, created_at, "
                                u"created_by) SELECT 41, min(id), 'file', 'manual.txt', 'abc', 2, 'ready', 1, 'ann' "
                                u"FROM cards"_s,
                                u"INSERT INTO attachments (id, card_id, kind, name, link_path, state, created_at, "
                                u"created_by) SELECT 42, min(id), 'link', 'share', '/srv/share', 'ready', 2, 'ann' "
                                u"FROM cards"_s}),
                 QString());
        const QString attachmentsBefore =
                u"SELECT id, card_id, kind, name, link_path, sha256, size, state, created_at, created_by, version "
                u"FROM attachments ORDER BY id"_s;
        const RawResult before = rawSql(path, {attachmentsBefore});
        QCOMPARE(before.rows.size(), 2);
        const QString fresh = dir.filePath(u"new.helpboard"_s);
        QVERIFY(BoardStore::create(fresh, u"New"_s, optionsFor(s_creator)));

        // WHEN this program opens the old one
        auto store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY2(store, qPrintable(describe(store)));

        // THEN it is at the current version, with a backup of the v8 file beside it
        QCOMPARE(rawSql(path, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), schema::s_currentVersion);
        QCOMPARE(rawSql(path + u".v8-backup"_s, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), 8);
        // AND the knowledge base's tables and index a new board has, word for word, and nothing in them; the
        // attachments table as a new board's (a card's or an article's), the cards' attachments as they were
        const QString parts = u"SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'article%' OR name LIKE "
                              u"'card_articles%' OR name LIKE 'attachments%' ORDER BY name"_s;
        const RawResult migrated = rawSql(path, {parts});
        QVERIFY(migrated.rows.size() >= 6);
        QCOMPARE(migrated.rows, rawSql(fresh, {parts}).rows);
        QCOMPARE(store.value()->articles().value().size(), 0);
        QCOMPARE(rawSql(path, {attachmentsBefore}).rows, before.rows);
        QCOMPARE(store.value()->attachments(before.rows.at(0).at(1).toLongLong()).value().size(), 2);
        // AND articles can be written, found and linked to its old tickets
        Article article;
        article.title = u"VPN drops every hour"_s;
        article.body = u"Renew the certificate."_s;
        const qint64 id = store.value()->createArticle(article).value();
        QCOMPARE(store.value()->searchArticles(u"vpn"_s).value(), QList<qint64>{id});
        const qint64 card = store.value()->cards().value().constFirst().id;
        QVERIFY(store.value()->linkArticle(card, id));
        QCOMPARE(store.value()->article(id).value().linkedCards, 1);
        QCOMPARE(rawSql(path, {u"PRAGMA integrity_check"_s}).rows.value(0).value(0).toString(), u"ok"_s);
    }

    void shouldMigrateAV9BoardToV10WithWhereImportedCardsCameFrom()
    {
        // GIVEN a v9 board with tickets; and a new board
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        QCOMPARE(makeBoardAt(path, 9), QString());
        QVERIFY(!rawSql(path, {u"SELECT * FROM card_sources"_s}).error.isEmpty());
        const QString fresh = dir.filePath(u"new.helpboard"_s);
        QVERIFY(BoardStore::create(fresh, u"New"_s, optionsFor(s_creator)));

        // WHEN this program opens the old one
        auto store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY2(store, qPrintable(describe(store)));

        // THEN it is at v10, with a backup of the v9 file beside it, and the table a new board has, word for word
        QCOMPARE(rawSql(path, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), 10);
        QCOMPARE(rawSql(path + u".v9-backup"_s, {u"PRAGMA user_version"_s}).rows.value(0).value(0).toInt(), 9);
        const QString parts =
                u"SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'card_sources' ORDER BY name"_s;
        QCOMPARE(rawSql(path, {parts}).rows.size(), 3); // the table, its key's index and the card index
        QCOMPARE(rawSql(path, {parts}).rows, rawSql(fresh, {parts}).rows);
        // AND its old cards can be told to have come from somewhere
        const qint64 card = store.value()->cards().value().constFirst().id;
        CardSource source;
        source.source = u"csv:number"_s;
        source.sourceId = u"INC1"_s;
        source.fingerprint = u"abc"_s;
        source.cardId = card;
        QVERIFY(store.value()->setCardSources({source}));
        QCOMPARE(store.value()->cardSources(u"csv:number"_s).value().value(u"INC1"_s).cardId, card);
        QCOMPARE(rawSql(path, {u"PRAGMA integrity_check"_s}).rows.value(0).value(0).toString(), u"ok"_s);
    }

    void shouldNotMigrateACardsTableItDidNotMake()
    {
        // GIVEN a v3 board whose cards table someone rebuilt without the status CHECK
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        QCOMPARE(makeBoardAt(path, 3), QString());
        QCOMPARE(rawExec(path,
                         {u"PRAGMA writable_schema = ON"_s,
                          u"UPDATE sqlite_master SET sql = replace(sql, 'CHECK (status IN', 'CHECK (status NOT IN') "
                          u"WHERE name = 'cards'"_s,
                          u"PRAGMA writable_schema = OFF"_s}),
                 QString());
        const QByteArray before = sha256Of(path);

        // WHEN this program opens it, THEN it says so, and the file is as it was (at v3)
        auto store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY(!store);
        QVERIFY2(store.error().message.contains(u"the cards table is not as HelpBoard made it"),
                 qPrintable(store.error().message));
        QCOMPARE(sha256Of(path), before);
    }

    void shouldGiveANewBoardAUuidThatItsCopiesShare()
    {
        // GIVEN two new boards, and a backup of the first
        QTemporaryDir dir;
        auto first = BoardStore::create(dir.filePath(u"first.helpboard"_s), u"Help desk"_s, optionsFor(s_creator));
        auto second = BoardStore::create(dir.filePath(u"second.helpboard"_s), u"Help desk"_s, optionsFor(s_creator));
        QVERIFY2(first && second, "boards not created");
        const QString copyPath = dir.filePath(u"copy.helpboard"_s);
        QVERIFY(first.value()->backupTo(copyPath));
        auto copy = BoardStore::open(copyPath, optionsFor(s_creator));
        QVERIFY2(copy, qPrintable(describe(copy)));
        // THEN the new boards differ, and the copy is the same board (what tells the two apart is each card)
        const QUuid uuid = first.value()->boardUuid().value();
        QVERIFY(!uuid.isNull());
        QVERIFY(second.value()->boardUuid().value() != uuid);
        QCOMPARE(copy.value()->boardUuid().value(), uuid);
    }

    void shouldReportABoardThatLostItsUuidAsDamaged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"board.helpboard"_s);
        QVERIFY(BoardStore::create(path, u"Help desk"_s, optionsFor(s_creator)));
        QCOMPARE(rawExec(path, {u"DELETE FROM meta WHERE key = 'board_uuid'"_s}), QString());
        auto store = BoardStore::open(path, optionsFor(s_creator));
        QVERIFY2(store, qPrintable(describe(store)));
        const auto uuid = store.value()->boardUuid();
        QVERIFY(!uuid);
        QCOMPARE(uuid.error().kind, ErrorKind::Corrupt);
    }

    void shouldRecognizeBoardsByApplicationIdAndVersion_data()
    {
        QTest::addColumn<int>("applicationId");
        QTest::addColumn<int>("version");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<ErrorKind>("expectedKind");
        QTest::addColumn<QString>("messageWords");
        const int ours = schema::s_applicationId;
        QTest::newRow("current") << ours << schema::s_currentVersion << true << ErrorKind::Invalid << QString();
        QTest::newRow("next version") << ours << schema::s_currentVersion + 1 << false << ErrorKind::TooNew
                                      << u"update HelpBoard"_s;
        QTest::newRow("version 99") << ours << 99 << false << ErrorKind::TooNew << u"update HelpBoard"_s;
        QTest::newRow("version 0") << ours << 0 << false << ErrorKind::NotABoard << u"holds no board"_s;
        QTest::newRow("no application id") << 0 << 1 << false << ErrorKind::NotABoard << u"not a HelpBoard"_s;
        QTest::newRow("another program's id")
                << 0x12345678 << 1 << false << ErrorKind::NotABoard << u"not a HelpBoard"_s;
    }

    void shouldRecognizeBoardsByApplicationIdAndVersion()
    {
        QFETCH(int, applicationId);
        QFETCH(int, version);
        QFETCH(bool, accepted);
        QFETCH(ErrorKind, expectedKind);
        QFETCH(QString, messageWords);
        // GIVEN a board whose marks were rewritten
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"board.helpboard"_s);
        const QString made = makeV1Board(path);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const QString rewritten = rawExec(
                path, {u"PRAGMA application_id = %1"_s.arg(applicationId), u"PRAGMA user_version = %1"_s.arg(version)});
        QVERIFY2(rewritten.isEmpty(), qPrintable(rewritten));

        // WHEN its version is detected
        Connection connection;
        QVERIFY(connection.open(path, Connection::Mode::ReadOnly));
        const auto detected = schema::detectVersion(connection);

        // THEN it is accepted with its version, or refused with the right kind and a message naming the file
        QCOMPARE(bool(detected), accepted);
        if (accepted) {
            QCOMPARE(*detected, version);
        } else {
            QCOMPARE(detected.error().kind, expectedKind);
            QVERIFY2(detected.error().message.contains(messageWords), qPrintable(detected.error().message));
            QVERIFY2(detected.error().message.contains(u"board.helpboard"_s), qPrintable(detected.error().message));
        }
    }

    void shouldRefuseToOpenNewerBoardWithoutTouchingIt()
    {
        // GIVEN a board whose schema version is newer than this program's
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"board.helpboard"_s);
        const QString made = makeV1Board(path);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const QString rewritten = rawExec(path, {u"PRAGMA user_version = %1"_s.arg(schema::s_currentVersion + 1)});
        QVERIFY2(rewritten.isEmpty(), qPrintable(rewritten));
        const QByteArray before = sha256Of(path);

        // WHEN BoardStore opens it
        auto store = BoardStore::open(path, optionsFor(s_creator));

        // THEN it is TooNew, says to update HelpBoard, and the file is byte-identical
        QVERIFY2(!store, "a board from a newer HelpBoard was opened");
        QCOMPARE(store.error().kind, ErrorKind::TooNew);
        QVERIFY2(store.error().message.contains(u"update HelpBoard"_s), qPrintable(store.error().message));
        QCOMPARE(sha256Of(path), before);
    }

    void shouldCreateEveryTableOfSchemaV1_data()
    {
        QTest::addColumn<QString>("table");
        for (const char16_t *table :
             {u"boards", u"columns", u"cards", u"labels", u"card_labels", u"checklist_items", u"comments",
              u"attachments", u"attachment_chunks", u"members", u"operations", u"events", u"meta", u"cards_fts"}) {
            const QString name = QString::fromUtf16(table);
            QTest::newRow(qPrintable(name)) << name;
        }
    }

    void shouldCreateEveryTableOfSchemaV1()
    {
        QFETCH(QString, table);
        // GIVEN an empty database
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Connection connection;
        {
            QFile empty(dir.filePath(u"schema.db"_s));
            QVERIFY(empty.open(QIODevice::WriteOnly | QIODevice::NewOnly));
        }
        QVERIFY(connection.open(dir.filePath(u"schema.db"_s), Connection::Mode::ReadWrite));

        // WHEN the v1 statements run
        const QStringList statements = schema::v1Statements();
        QVERIFY(!statements.isEmpty());
        const Status created = connection.write([&]() -> Status {
            for (const QString &statement : statements) {
                if (auto ran = connection.run(statement); !ran)
                    return ran.error();
            }
            return {};
        });
        QVERIFY2(created, qPrintable(describe(created)));

        // THEN the table exists (FTS5 tables are listed as tables too)
        auto found = connection.scalar(u"SELECT type FROM sqlite_master WHERE name = :name"_s, {{u":name"_s, table}});
        QVERIFY2(found, qPrintable(describe(found)));
        QCOMPARE(found->toString(), u"table"_s);
        auto rows = connection.scalar(u"SELECT count(*) FROM "_s + table);
        QVERIFY2(rows, qPrintable(describe(rows)));
        QCOMPARE(rows->toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Migrations)
#include "tst_migrations.moc"
