// SPDX-License-Identifier: GPL-3.0-or-later
// The damage mark beside a board: what it holds, how it is read (fuzzed), and that no store writes past it.
#include "support/damagedfile.h"
#include "support/testsupport.h"

#include <storage/boardstore.h>
#include <storage/sqlite/damagemark.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace hb::storage;
using namespace hb::tests;
using namespace Qt::StringLiterals;

class tst_DamageMark : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString newBoard(const QString &name, int cards)
    {
        const QString path = m_dir.filePath(name);
        auto store = BoardStore::create(path, u"Help desk"_s, optionsFor(u"alice"_s));
        if (!store)
            return {};
        const qint64 column = store.value()->columns()->constFirst().id;
        auto label = store.value()->createLabel(u"printer"_s, u"#cc0000"_s);
        for (int i = 0; i < cards; ++i) {
            NewCard card;
            card.columnId = column;
            card.title = u"Ticket %1"_s.arg(i);
            card.labelIds = {*label};
            if (!store.value()->createCard(card))
                return {};
        }
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void shouldReadWhatWasWritten_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::newRow("plain") << u"board.helpboard is damaged (Page 12: btreeInitPage() returns error code 11)"_s;
        QTest::newRow("non-Latin") << u"Доска повреждена — 損傷 🙁"_s;
        QTest::newRow("control characters") << u"bad\x1b[31m red\nnext line"_s;
    }

    void shouldReadWhatWasWritten()
    {
        QFETCH(QString, reason);
        const QString board = m_dir.filePath(u"roundtrip.helpboard"_s);
        QVERIFY(writeFile(board, QByteArray(4096, 'x')));
        QVERIFY(DamageMark::clear(board));
        QVERIFY(!DamageMark::read(board));

        // WHEN a process marks the board damaged
        QVERIFY(DamageMark::write(board, DamageMark::make(board, reason, u"alice"_s)));

        // THEN the mark is beside it, and says what, who, where and when, on one line
        QCOMPARE(DamageMark::pathFor(board), board + u"-damaged"_s);
        const auto mark = DamageMark::read(board);
        QVERIFY(mark);
        QCOMPARE(mark->login, u"alice"_s);
        QVERIFY(mark->time > 0);
        QCOMPARE(mark->fingerprint, u"4096:0"_s);
        QVERIFY2(mark->reason.startsWith(reason.left(3)), qPrintable(mark->reason));
        for (const QChar c : mark->describe())
            QVERIFY2(c.category() != QChar::Other_Control, qPrintable(mark->describe()));
        // AND a second finder does not replace the first one's words
        QVERIFY(DamageMark::write(board, DamageMark::make(board, u"something else"_s, u"ben"_s)));
        QCOMPARE(DamageMark::read(board)->login, u"alice"_s);
        QVERIFY(DamageMark::clear(board));
        QVERIFY(!DamageMark::exists(board));
    }

    void shouldCountAnUnreadableMarkAsAMark_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not JSON") << QByteArray("damaged!");
        QTest::newRow("array") << QByteArray("[1,2]");
        QTest::newRow("no reason") << QByteArray(R"({"time": 5})");
        QTest::newRow("time a string") << QByteArray(R"({"reason": "x", "time": "yesterday"})");
        QTest::newRow("too large") << QByteArray(DamageMark::s_maxFileSize + 10, ' ');
    }

    void shouldCountAnUnreadableMarkAsAMark()
    {
        QFETCH(QByteArray, content);
        const QString board = m_dir.filePath(u"odd.helpboard"_s);
        QVERIFY(writeFile(DamageMark::pathFor(board), content));
        QString problem;
        QVERIFY(!DamageMark::parse(content, &problem));
        QVERIFY(!problem.isEmpty());
        // still a mark: refusing a write is the safe side
        const auto mark = DamageMark::read(board);
        QVERIFY(mark);
        QVERIFY2(mark->reason.contains(u"damage mark"_s), qPrintable(mark->reason));
        QVERIFY(DamageMark::clear(board));
    }

    void shouldParseAnyInputWithoutCrashing()
    {
        // GIVEN valid marks to mutate, and random bytes
        QList<QByteArray> seeds;
        for (const QString &reason : {u"damaged"_s, u"Доска"_s, QString(1500, u'x')})
            seeds << DamageMark::make(u"/nowhere/board.helpboard"_s, reason, u"alice"_s).toJson();
        seeds << QByteArray(R"({"reason":"r","time":1e300,"host":[],"login":{},"fingerprint":7})");
        QRandomGenerator generator(14002);
        constexpr int s_inputs = 100'000;
        int parsed = 0;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < s_inputs; ++i) {
            QByteArray input;
            if (i % 4 == 0) {
                input.resize(generator.bounded(300));
                for (char &byte : input)
                    byte = char(generator.bounded(256));
            } else {
                input = seeds.at(generator.bounded(int(seeds.size())));
                const int edits = 1 + int(generator.bounded(6));
                for (int e = 0; e < edits && !input.isEmpty(); ++e) {
                    const int at = int(generator.bounded(int(input.size())));
                    switch (generator.bounded(4)) {
                    case 0:
                        input[at] = char(generator.bounded(256));
                        break;
                    case 1:
                        input.remove(at, int(generator.bounded(20)));
                        break;
                    case 2:
                        input.insert(at, QByteArray(int(generator.bounded(8)), char(generator.bounded(256))));
                        break;
                    default:
                        input.truncate(at);
                    }
                }
            }
            // WHEN it is parsed, THEN it is a mark with a reason and a sane time, or refused with a reason
            QString problem;
            const auto mark = DamageMark::parse(input, &problem);
            if (mark) {
                ++parsed;
                QVERIFY(!mark->reason.trimmed().isEmpty());
                QVERIFY(mark->reason.size() <= DamageMark::s_maxReasonLength);
                QVERIFY(mark->host.size() <= DamageMark::s_maxNameLength);
                QVERIFY(mark->time >= 0);
                (void)mark->describe();
            } else {
                QVERIFY(!problem.isEmpty());
            }
        }
        qInfo("%d inputs (%d parsed as marks) in %lld ms", s_inputs, parsed, qint64(clock.elapsed()));
        QVERIFY(parsed > 0);
    }

    void shouldRefuseEveryStoreOnceOneFoundDamage()
    {
        // GIVEN a board open in one store, healthy so far
        const QString path = newBoard(u"shared.helpboard"_s, 60);
        QVERIFY(!path.isEmpty());
        auto writer = BoardStore::open(path, optionsFor(u"alice"_s));
        QVERIFY2(writer, qPrintable(describe(writer)));
        QVERIFY(!writer.value()->isReadOnly());
        const qint64 column = writer.value()->columns()->constFirst().id;

        // WHEN the labels of the cards are damaged and another store reads them
        for (const QString &object : {u"card_labels"_s, u"sqlite_autoindex_card_labels_1"_s, u"card_labels_by_label"_s})
            QCOMPARE(overwriteRootPage(path, object), QString());
        auto finder = BoardStore::open(path, optionsFor(u"ben"_s));
        QVERIFY2(finder, qPrintable(describe(finder)));
        const auto cards = finder.value()->cards();
        QVERIFY(!cards);
        QCOMPARE(cards.error().kind, ErrorKind::Corrupt);
        QVERIFY(DamageMark::exists(path));
        const QByteArray damaged = sha256Of(path);

        // THEN the first store's next write is refused as damage, and the file is not touched
        NewCard card;
        card.columnId = column;
        card.title = u"Written over damage"_s;
        const auto written = writer.value()->createCard(card);
        QVERIFY(!written);
        QCOMPARE(written.error().kind, ErrorKind::Corrupt);
        QVERIFY2(written.error().message.contains(u"ben"_s), qPrintable(written.error().message));
        QCOMPARE(sha256Of(path), damaged);
        QVERIFY(writer.value()->isReadOnly());
        QVERIFY(!writer.value()->beatPresence(u"session"_s, 0));
        QCOMPARE(sha256Of(path), damaged);
    }

    void shouldTellASchemaThatLostAPart_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("lost");
        QTest::newRow("index") << u"DROP INDEX cards_by_due"_s << u"index cards_by_due"_s;
        // (a column no view reads: SQLite refuses to drop one a view reads)
        QTest::newRow("column") << u"ALTER TABLE cards DROP COLUMN started_at"_s << u"column cards.started_at"_s;
        QTest::newRow("view") << u"DROP VIEW metrics_summary"_s << u"view metrics_summary"_s;
        QTest::newRow("table") << u"DROP TABLE checklist_templates"_s << u"table checklist_templates"_s;
        QTest::newRow("full-text table") << u"DROP TABLE cards_fts"_s << u"table cards_fts"_s;
    }

    void shouldTellASchemaThatLostAPart()
    {
        QFETCH(QString, statement);
        QFETCH(QString, lost);
        const QString path = newBoard(
                u"schema-%1.helpboard"_s.arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')), 3);
        QVERIFY(!path.isEmpty());
        const RawResult dropped = rawSql(path, {statement});
        QVERIFY2(dropped.error.isEmpty(), qPrintable(dropped.error));

        // WHEN it is opened, THEN it is damage, named
        const auto refused = BoardStore::open(path, optionsFor(u"alice"_s));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Corrupt);
        QVERIFY2(refused.error().message.contains(lost), qPrintable(refused.error().message));
        // AND verify lists it (read-only, as a rescue opens it)
        StoreOptions rescue = optionsFor(u"alice"_s);
        rescue.allowCorruptReadOnly = true;
        auto store = BoardStore::open(path, rescue);
        QVERIFY2(store, qPrintable(describe(store)));
        QVERIFY(store.value()->isReadOnly());
        const auto problems = store.value()->verify();
        QVERIFY(problems);
        QVERIFY2(problems->contains(u"schema: %1 is missing"_s.arg(lost)), qPrintable(problems->join(u" | "_s)));
    }

    void shouldOpenAMarkedBoardReadOnlyAndClearTheMarkWhenSound()
    {
        // GIVEN a sound board that a colleague's read once called damaged
        const QString path = newBoard(u"marked.helpboard"_s, 2);
        QVERIFY(!path.isEmpty());
        QVERIFY(DamageMark::write(path, DamageMark::make(path, u"Page 7 is malformed"_s, u"ben"_s)));

        // WHEN it is opened, THEN it reads but says why it cannot be written
        auto store = BoardStore::open(path, optionsFor(u"alice"_s));
        QVERIFY2(store, qPrintable(describe(store)));
        QVERIFY(store.value()->isReadOnly());
        QVERIFY(store.value()->isDamaged());
        QVERIFY2(store.value()->readOnlyReason().contains(u"Page 7 is malformed"_s),
                 qPrintable(store.value()->readOnlyReason()));
        QCOMPARE(store.value()->cards()->size(), 2);
        QCOMPARE(store.value()->renameBoard(u"Other"_s).error().kind, ErrorKind::Corrupt);

        // WHEN verify finds the file fully sound, THEN the mark goes and the board can be written again
        const auto problems = store.value()->verify();
        QVERIFY(problems && problems->isEmpty());
        QVERIFY(!DamageMark::exists(path));
        QVERIFY(!store.value()->isDamaged());
        auto again = BoardStore::open(path, optionsFor(u"alice"_s));
        QVERIFY(again && !again.value()->isReadOnly());
        QVERIFY(again.value()->renameBoard(u"Other"_s));
    }
};

QTEST_GUILESS_MAIN(tst_DamageMark)
#include "tst_damagemark.moc"
