// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/testsupport.h"

#include <storage/boardstore.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace hb::storage;

namespace {

StoreOptions as(const QString &login, int busyTimeoutMs = 5000)
{
    StoreOptions options;
    options.login = login;
    options.busyTimeoutMs = busyTimeoutMs;
    return options;
}

// Holds the board's write lock from a plain connection, as another desktop's long save would.
class WriteLock
{
public:
    explicit WriteLock(const QString &path)
        : m_name(QStringLiteral("lock-%1").arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
        QSqlQuery query(db);
        m_held = query.exec(QStringLiteral("BEGIN IMMEDIATE"))
                 && query.exec(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('lock', 'held')"));
    }
    ~WriteLock()
    {
        release();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isHeld() const { return m_held; }
    void release()
    {
        if (!m_held)
            return;
        QSqlQuery(QSqlDatabase::database(m_name)).exec(QStringLiteral("ROLLBACK"));
        QSqlDatabase::database(m_name).close();
        m_held = false;
    }

private:
    QString m_name;
    bool m_held = false;
};

NewCard cardIn(qint64 column, const QString &title)
{
    NewCard card;
    card.columnId = column;
    card.title = title;
    return card;
}

} // namespace

class tst_Concurrency : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_todo = 0;
    qint64 m_doing = 0;

private Q_SLOTS:
    void init()
    {
        m_path = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + QStringLiteral(".helpboard"));
        QFile::remove(m_path);
        auto store = BoardStore::create(m_path, QStringLiteral("Shared"), as(QStringLiteral("alice")));
        QVERIFY(store);
        const auto columns = store.value()->columns().value();
        m_todo = columns.at(0).id;
        m_doing = columns.at(1).id;
        QVERIFY(store.value()->setMember(QStringLiteral("ben"), Role::Editor));
    }

    void shouldMergeAndConflictAcrossTwoConnections()
    {
        // GIVEN Alice and Ben both have card version 1 open, each on their own connection
        auto alice = BoardStore::open(m_path, as(QStringLiteral("alice"))).value();
        auto ben = BoardStore::open(m_path, as(QStringLiteral("ben"))).value();
        const qint64 id = alice->createCard(cardIn(m_todo, QStringLiteral("Printer offline"))).value();
        const qint64 loaded = ben->card(id)->version;

        // WHEN Alice renames it and Ben, still at version 1, renames it too
        CardPatch aliceTitle;
        aliceTitle.title = QStringLiteral("Printer offline (3rd floor)");
        QCOMPARE(alice->updateCard(id, aliceTitle, loaded).value(), loaded + 1);
        CardPatch benTitle;
        benTitle.title = QStringLiteral("Printer needs new driver");
        const auto conflict = ben->updateCard(id, benTitle, loaded);

        // THEN Ben gets a conflict and Alice's title stands
        QVERIFY(!conflict);
        QCOMPARE(conflict.error().kind, ErrorKind::Conflict);
        QCOMPARE(ben->card(id)->title, *aliceTitle.title);

        // WHEN Ben instead changes the priority, still against version 1
        CardPatch benPriority;
        benPriority.priority = Priority::High;
        QCOMPARE(ben->updateCard(id, benPriority, loaded).value(), loaded + 2);

        // THEN both changes are kept
        const Card merged = alice->card(id).value();
        QCOMPARE(merged.title, *aliceTitle.title);
        QCOMPARE(merged.priority, Priority::High);
        QCOMPARE(merged.updatedBy, QStringLiteral("ben"));
    }

    void shouldNeverConflictOnMovesOfDifferentCards()
    {
        auto alice = BoardStore::open(m_path, as(QStringLiteral("alice"))).value();
        auto ben = BoardStore::open(m_path, as(QStringLiteral("ben"))).value();
        const qint64 first = alice->createCard(cardIn(m_todo, QStringLiteral("One"))).value();
        const qint64 second = alice->createCard(cardIn(m_todo, QStringLiteral("Two"))).value();
        QVERIFY(alice->moveCard(first, m_doing, {}, 1));
        QVERIFY(ben->moveCard(second, m_doing, {}, 1));
        QVERIFY(ben->addComment(first, QStringLiteral("comments never conflict")));
        QCOMPARE(alice->card(first)->columnId, m_doing);
        QCOMPARE(alice->card(second)->columnId, m_doing);
        // the same card moved from a stale version is a conflict
        const auto stale = ben->moveCard(first, m_todo, {}, 1);
        QVERIFY(!stale);
        QCOMPARE(stale.error().kind, ErrorKind::Conflict);
    }

    void shouldApplyAnOperationOnceAcrossConnections()
    {
        // GIVEN an operation that committed on one connection (its caller never saw the answer)
        auto first = BoardStore::open(m_path, as(QStringLiteral("alice"))).value();
        auto retry = BoardStore::open(m_path, as(QStringLiteral("alice"))).value();
        const QUuid op = QUuid::createUuid();
        first->setNextOperationId(op);
        const qint64 id = first->createCard(cardIn(m_todo, QStringLiteral("Disk alert FS01"))).value();
        const qint64 seq = first->lastEventSeq().value();

        // WHEN the same operation is sent again from another connection
        retry->setNextOperationId(op);
        const auto again = retry->createCard(cardIn(m_todo, QStringLiteral("Disk alert FS01")));

        // THEN it reports the first result and writes nothing
        QCOMPARE(again.value(), id);
        QCOMPARE(retry->cards()->size(), 1);
        QCOMPARE(retry->lastEventSeq().value(), seq);
        QVERIFY(retry->isOperationApplied(op));
    }

    void shouldReportBusyAfterTheTimeoutAndKeepNothingHalfWritten()
    {
        auto ben = BoardStore::open(m_path, as(QStringLiteral("ben"), 400)).value();
        const qint64 seq = ben->lastEventSeq().value();
        WriteLock lock(m_path);
        QVERIFY(lock.isHeld());
        QElapsedTimer clock;
        clock.start();
        const auto busy = ben->createCard(cardIn(m_todo, QStringLiteral("While someone saves")));
        QVERIFY(!busy);
        QCOMPARE(busy.error().kind, ErrorKind::Busy);
        // what failed underneath, on the error and on the store (for callers that word the error their own way)
        QCOMPARE(busy.error().cause, FailureCause::Busy);
        QCOMPARE(ben->lastFailureCause(), FailureCause::Busy);
        QVERIFY2(clock.elapsed() >= 400, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(ben->lastWriteRetries() > 0);
        lock.release();
        QCOMPARE(ben->lastEventSeq().value(), seq);
        ben->forgetLastFailure();
        QCOMPARE(ben->lastFailureCause(), FailureCause::None);
        QVERIFY(ben->createCard(cardIn(m_todo, QStringLiteral("After the save"))));
        QCOMPARE(ben->lastFailureCause(), FailureCause::None);
    }

    void shouldWaitForAnotherWriterAndThenSave()
    {
        auto ben = BoardStore::open(m_path, as(QStringLiteral("ben"), 10000)).value();
        // Warm up the write path, so a slow first run (cold code pages) cannot make us miss the lock below.
        QVERIFY(ben->createCard(cardIn(m_todo, QStringLiteral("Warm-up"))));
        // Another "desktop" holds the lock for 1.5 s from another thread.
        QSemaphore held;
        std::unique_ptr<QThread> holder(QThread::create([path = m_path, &held] {
            WriteLock lock(path);
            held.release();
            QThread::msleep(1500);
        }));
        holder->start();
        QVERIFY(held.tryAcquire(1, 10000));
        QElapsedTimer clock;
        clock.start();
        const auto saved = ben->createCard(cardIn(m_todo, QStringLiteral("Saved after waiting")));
        QVERIFY2(saved, saved ? "" : qPrintable(saved.error().message));
        QVERIFY(ben->lastWriteRetries() > 0);
        holder->wait();
    }

    void shouldLetReadersWaitOutSomeoneElsesCommit_data()
    {
        QTest::addColumn<bool>("openedMeanwhile");
        QTest::newRow("a board already open") << false;
        // its first statements read the schema while preparing, and must wait as well
        QTest::newRow("a board opened meanwhile") << true;
    }

    void shouldLetReadersWaitOutSomeoneElsesCommit()
    {
        QFETCH(bool, openedMeanwhile);
        // GIVEN a colleague's save holding the file exclusively (as during a slow COMMIT on a share)
        std::unique_ptr<BoardStore> reader;
        if (!openedMeanwhile) {
            reader = BoardStore::open(m_path, as(QStringLiteral("ben"), 10000)).value();
            QVERIFY(reader->cards()); // warm up the read path
        }
        QSemaphore held;
        std::unique_ptr<QThread> holder(QThread::create([path = m_path, &held] {
            const QString name = QStringLiteral("exclusive");
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(path);
                db.open();
                QSqlQuery query(db);
                if (!query.exec(QStringLiteral("BEGIN EXCLUSIVE")))
                    qFatal("cannot take the exclusive lock");
                held.release();
                QThread::msleep(1500);
                query.exec(QStringLiteral("ROLLBACK"));
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }));
        holder->start();
        QVERIFY(held.tryAcquire(1, 10000));
        // WHEN we open or read the board, THEN it waits and succeeds instead of failing as "busy"
        QElapsedTimer clock;
        clock.start();
        if (openedMeanwhile) {
            auto opened = BoardStore::open(m_path, as(QStringLiteral("ben"), 10000));
            QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
            reader = std::move(opened).value();
        }
        const auto cards = reader->cards();
        QVERIFY2(cards, cards ? "" : qPrintable(cards.error().message));
        QVERIFY2(clock.elapsed() >= 100, qPrintable(QString::number(clock.elapsed())));
        holder->wait();
    }

    void shouldNeverWriteAgainAfterFindingDamage()
    {
        // GIVEN a board that is open, with some cards
        auto store = BoardStore::open(m_path, as(QStringLiteral("alice"))).value();
        for (int i = 0; i < 200; ++i)
            QVERIFY(store->createCard(cardIn(m_todo, QStringLiteral("Card %1 with a longer title").arg(i))));
        // WHEN another program garbles the file behind its back (and bumps the change counter, as any writer would)
        {
            QFile file(m_path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            const qint64 size = file.size();
            QVERIFY(file.seek(4096 * 2));
            QVERIFY(file.write(QByteArray(int(size - 4096 * 3), '\xff')) > 0);
            QVERIFY(file.seek(24));
            QVERIFY(file.write(QByteArray("\x7f\x7f\x7f\x7f", 4)) == 4);
        }
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray damaged = file.readAll();
        file.close();
        // THEN reading reports the damage, and no later write touches the file
        const auto cards = store->cards();
        QVERIFY(!cards);
        QCOMPARE(cards.error().kind, ErrorKind::Corrupt);
        QCOMPARE(cards.error().cause, FailureCause::Damaged);
        QCOMPARE(store->lastFailureCause(), FailureCause::Damaged);
        const auto write = store->createCard(cardIn(m_todo, QStringLiteral("After the damage")));
        QVERIFY(!write);
        QVERIFY(write.error().kind == ErrorKind::Corrupt || write.error().kind == ErrorKind::ReadOnly);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == damaged);
    }

    void shouldReadOneConsistentSnapshot()
    {
        // GIVEN an export-like reader inside a snapshot, and a colleague saving a card in the middle of it
        auto reader = BoardStore::open(m_path, as(QStringLiteral("alice"))).value();
        std::unique_ptr<QThread> writer;
        std::atomic<bool> saved = false;
        QSemaphore waiting;
        qint64 first = -1;
        qint64 second = -1;
        bool waitedForTheReader = false;
        const Status read = reader->readSnapshot([&]() -> Status {
            first = reader->cards()->size();
            writer.reset(QThread::create([path = m_path, todo = m_todo, &saved, &waiting] {
                auto ben = BoardStore::open(path, as(QStringLiteral("ben"), 10000)).value();
                // its commit waits for the reader's snapshot to end: say so once
                ben->setWaitObserver([&waiting, told = false]() mutable {
                    if (!told)
                        waiting.release();
                    told = true;
                });
                saved = ben->createCard(cardIn(todo, QStringLiteral("Saved during the export"))).ok();
            }));
            writer->start();
            // (the second read comes once the colleague's save is under way and waiting, however slow the machine)
            waitedForTheReader = waiting.tryAcquire(1, 20'000);
            second = reader->cards()->size();
            return {};
        });
        QVERIFY(read);
        QVERIFY2(waitedForTheReader, "the colleague's save never had to wait for the snapshot");
        // THEN both reads saw the same board, and the save went through right after
        QCOMPARE(second, first);
        QVERIFY(writer->wait(20000));
        QVERIFY(saved);
        QCOMPARE(reader->cards()->size(), first + 1);
    }

    void shouldLetOnlyOneOfSeveralCreatorsCreateTheBoard()
    {
        // GIVEN four people starting HelpBoard for the first time on the same new shared board at once
        const QString cli = qEnvironmentVariable("HELPBOARD_CLI");
        QVERIFY2(QFile::exists(cli), "HELPBOARD_CLI must point to helpboard-cli");
        const QString path = m_dir.filePath(QStringLiteral("race.helpboard"));
        QFile::remove(path);
        QList<QProcess *> processes;
        for (int i = 0; i < 4; ++i) {
            auto *process = new QProcess(this);
            process->start(cli, {QStringLiteral("--board"), path, QStringLiteral("--as"),
                                 QStringLiteral("user%1").arg(i), QStringLiteral("init"), QStringLiteral("--demo")});
            processes << process;
        }
        int created = 0;
        for (QProcess *process : std::as_const(processes)) {
            QVERIFY(process->waitForFinished(60000));
            if (process->exitCode() == 0)
                ++created;
            else
                QCOMPARE(process->exitCode(), 2); // "already exists", never a half-made or deleted board
        }
        // THEN exactly one made it, and the board is whole
        QCOMPARE(created, 1);
        auto store = BoardStore::open(path, as(QStringLiteral("alice"))).value();
        QCOMPARE(store->columns()->size(), 3);
        QVERIFY(store->cards()->size() >= 20);
        QCOMPARE(store->verify().value(), QStringList());
    }

    void shouldNeverCallTheBoardDamagedWhileOthersSave()
    {
        // GIVEN four people's scripts growing the file (cards with an attachment each) as fast as they can
        const QString cli = qEnvironmentVariable("HELPBOARD_CLI");
        QVERIFY2(QFile::exists(cli), "HELPBOARD_CLI must point to helpboard-cli");
        const QString attachment = m_dir.filePath(QStringLiteral("grow.bin"));
        QByteArray bytes(300'000, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char((i * 7919) % 251);
        QVERIFY(hb::tests::writeFile(attachment, bytes));
        QList<QProcess *> processes;
        for (int p = 0; p < 4; ++p) {
            auto *process = new QProcess(this);
            const QString script =
                    QStringLiteral("for i in $(seq 1 30); do id=$(\"$CLI\" --board \"$BOARD\" --as ben "
                                   "add --title \"p%1 card $i\") || exit $?; \"$CLI\" --board \"$BOARD\" "
                                   "--as ben attach $id \"$FILE\" >/dev/null || exit $?; done")
                            .arg(p);
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("CLI"), cli);
            environment.insert(QStringLiteral("BOARD"), m_path);
            environment.insert(QStringLiteral("FILE"), attachment);
            process->setProcessEnvironment(environment);
            process->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
            processes << process;
        }
        // WHEN someone opens the board again and again meanwhile
        int opened = 0;
        QStringList refusals;
        const auto running = [&processes] {
            return std::any_of(processes.cbegin(), processes.cend(),
                               [](QProcess *process) { return process->state() != QProcess::NotRunning; });
        };
        while (running()) {
            // waiting for saves as long as the program does (30 s), so only a wrong verdict can fail this
            auto store = BoardStore::open(m_path, as(QStringLiteral("alice"), 30'000));
            if (store)
                ++opened;
            else
                refusals << store.error().message;
            QCoreApplication::processEvents();
        }
        // THEN every open worked: a save under way is never taken for damage
        QVERIFY2(refusals.isEmpty(), qPrintable(refusals.join(u'\n')));
        QVERIFY(opened > 10);
        for (QProcess *process : std::as_const(processes)) {
            QCOMPARE(process->exitStatus(), QProcess::NormalExit);
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        }
        qInfo("opened %d times while four scripts saved", opened);
    }

    void shouldKeepEveryCardWhenSeveralProcessesWriteAtOnce()
    {
        // GIVEN four people's scripts adding cards and comments to one file at the same moment
        const QString cli = qEnvironmentVariable("HELPBOARD_CLI");
        QVERIFY2(QFile::exists(cli), "HELPBOARD_CLI must point to helpboard-cli");
        constexpr int s_processes = 4;
        constexpr int s_cardsEach = 15;
        QList<QProcess *> processes;
        for (int p = 0; p < s_processes; ++p) {
            auto *process = new QProcess(this);
            // Each process runs a small shell loop of real CLI invocations.
            const QString script = QStringLiteral("for i in $(seq 1 %1); do \"$CLI\" --board \"$BOARD\" --as ben "
                                                  "add --title \"p%2 card $i\" >/dev/null || exit $?; done")
                                           .arg(s_cardsEach)
                                           .arg(p);
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("CLI"), cli);
            environment.insert(QStringLiteral("BOARD"), m_path);
            process->setProcessEnvironment(environment);
            process->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
            processes << process;
        }
        for (QProcess *process : std::as_const(processes)) {
            QVERIFY(process->waitForFinished(120000));
            QCOMPARE(process->exitStatus(), QProcess::NormalExit);
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        }

        // THEN every card is there exactly once, with one event each, and the file is sound
        auto store = BoardStore::open(m_path, as(QStringLiteral("alice"))).value();
        const auto cards = store->cards().value();
        QCOMPARE(cards.size(), s_processes * s_cardsEach);
        QSet<QString> titles;
        for (const Card &card : cards)
            titles.insert(card.title);
        QCOMPARE(titles.size(), s_processes * s_cardsEach);
        int created = 0;
        for (const Event &event : store->eventsSince(0).value())
            created += event.kind == u"card.created" ? 1 : 0;
        QCOMPARE(created, s_processes * s_cardsEach);
        QCOMPARE(store->verify().value(), QStringList());
    }
};

QTEST_GUILESS_MAIN(tst_Concurrency)
#include "tst_concurrency.moc"
