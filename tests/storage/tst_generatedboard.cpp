// SPDX-License-Identifier: GPL-3.0-or-later
// The benchmark's board generator: what it says it made is what the file holds, and the same seed makes the same
// board. (Its timings are helpboard-bench's business, not a test's.)
#include "support/testsupport.h"

#include "support/generatedboard.h"

#include <storage/boardstore.h>

#include <QTemporaryDir>
#include <QTest>

using namespace hb::storage;
using namespace hb::tests;

class tst_GeneratedBoard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::unique_ptr<BoardStore> generate(const QString &name, const GeneratedBoardSize &size,
                                         GeneratedBoardCounts *counts)
    {
        auto store = BoardStore::create(m_dir.filePath(name), QStringLiteral("Generated"),
                                        optionsFor(QStringLiteral("alice")));
        if (!store)
            return {};
        if (!populateGeneratedBoard(**store, size, counts))
            return {};
        return std::move(store).value();
    }

private Q_SLOTS:
    void shouldMakeWhatItReportsAt500Cards()
    {
        GeneratedBoardSize size;
        size.cards = 500;
        size.checklistItems = 2500;
        size.comments = 1500;
        GeneratedBoardCounts counts;
        auto store = generate(QStringLiteral("a.helpboard"), size, &counts);
        QVERIFY(store);
        // THEN it reports the size asked for
        QCOMPARE(counts.cards, 500);
        QCOMPARE(counts.checklistItems, 2500);
        QCOMPARE(counts.comments, 1500);
        QCOMPARE(counts.labels, 20);
        QCOMPARE(counts.members, 15);
        QCOMPARE(counts.columns, 6);
        // AND the file holds exactly that
        const QList<Card> cards = store->cards().value();
        QCOMPARE(int(cards.size()), counts.cards);
        int items = 0;
        int comments = 0;
        QHash<qint64, int> perColumn;
        for (const Card &card : cards) {
            items += card.checklistTotal;
            comments += card.commentCount;
            ++perColumn[card.columnId];
            QVERIFY(!card.title.isEmpty() && !card.title.contains(u'%') && !card.title.contains(u'{'));
            QVERIFY(card.description.size() >= 100);
        }
        QCOMPARE(items, counts.checklistItems);
        QCOMPARE(comments, counts.comments);
        QCOMPARE(int(store->labels()->size()), counts.labels);
        QCOMPARE(int(store->members()->size()), counts.members);
        const QList<Column> columns = store->columns().value();
        QCOMPARE(int(columns.size()), counts.columns);
        QCOMPARE(columns.constLast().kind, ColumnKind::Done);
        // the last column is the long one
        QCOMPARE(perColumn.value(columns.constLast().id), counts.largestColumn);
        QCOMPARE(*std::max_element(perColumn.cbegin(), perColumn.cend()), counts.largestColumn);
        QCOMPARE(store->verify().value(), QStringList());
        // the full-text index has the comments' words
        QVERIFY(!store->search(QStringLiteral("firmware")).value().isEmpty());
    }

    void shouldMakeTheSameBoardFromTheSameSeed()
    {
        GeneratedBoardSize size;
        size.cards = 60;
        size.checklistItems = 100;
        size.comments = 70;
        GeneratedBoardCounts first;
        GeneratedBoardCounts second;
        auto a = generate(QStringLiteral("b.helpboard"), size, &first);
        auto b = generate(QStringLiteral("c.helpboard"), size, &second);
        QVERIFY(a && b);
        QStringList titlesA;
        QStringList titlesB;
        for (const Card &card : a->cards().value())
            titlesA << card.title + card.description.left(20);
        for (const Card &card : b->cards().value())
            titlesB << card.title + card.description.left(20);
        QCOMPARE(titlesA, titlesB);
        QCOMPARE(first.largestColumn, second.largestColumn);
        size.seed += 1;
        GeneratedBoardCounts third;
        auto c = generate(QStringLiteral("d.helpboard"), size, &third);
        QStringList titlesC;
        for (const Card &card : c->cards().value())
            titlesC << card.title + card.description.left(20);
        QVERIFY(titlesC != titlesA);
    }

    void shouldLiveAYearOfTicketsAsItReports()
    {
        // GIVEN a year of 1,000 tickets
        auto made = BoardStore::create(m_dir.filePath(QStringLiteral("year.helpboard")), QStringLiteral("Year"),
                                       optionsFor(QStringLiteral("alice")));
        QVERIFY(made);
        BoardStore &store = **made;
        GeneratedHistorySize size;
        size.tickets = 1000;
        GeneratedHistoryCounts counts;
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(populateGeneratedHistory(store, size, &counts));

        // THEN it made them all, most resolved and archived, with every kind of event, up to now and no later
        QCOMPARE(counts.tickets, 1000);
        QVERIFY2(counts.resolved > 900 && counts.archived > 850 && counts.archived < counts.resolved,
                 qPrintable(QStringLiteral("%1 resolved, %2 archived").arg(counts.resolved).arg(counts.archived)));
        for (const int some : {counts.reopened, counts.escalated, counts.reassigned, counts.waited, counts.ticked})
            QVERIFY(some > 10);
        CardQuery all;
        all.includeArchived = true;
        const QList<Card> cards = store.cards(all).value();
        QCOMPARE(int(cards.size()), counts.tickets);
        CardQuery archived;
        archived.onlyArchived = true;
        QCOMPARE(int(store.cards(archived)->size()), counts.archived);
        int comments = 0;
        int ticked = 0;
        qint64 first = std::numeric_limits<qint64>::max();
        for (const Card &card : cards) {
            comments += card.commentCount;
            ticked += card.firstContact ? 1 : 0;
            first = std::min(first, card.createdAt);
            QVERIFY(card.updatedAt <= QDateTime::currentMSecsSinceEpoch());
        }
        QCOMPARE(comments, counts.comments);
        QCOMPARE(ticked, counts.ticked);
        QVERIFY(first >= before - 366LL * 24 * 3600 * 1000 && first < before - 360LL * 24 * 3600 * 1000);
        int escalations = 0;
        for (const QList<Escalation> &each : store.allEscalations().value())
            escalations += int(each.size());
        QCOMPARE(escalations, counts.escalated);
        // AND the store keeps the wall clock afterwards, and the file is sound
        QVERIFY(qAbs(store.now() - QDateTime::currentMSecsSinceEpoch()) < 60'000);
        QCOMPARE(store.verify().value(), QStringList());
    }
};

QTEST_GUILESS_MAIN(tst_GeneratedBoard)
#include "tst_generatedboard.moc"
