// SPDX-License-Identifier: GPL-3.0-or-later
#include <board/model/boardmodel.h>
#include <board/model/cardfiltermodel.h>
#include <storage/boardstore.h>
#include <storage/exchange/demoboard.h>

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;

class tst_CardFilterModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<storage::BoardStore> m_store;

    board::CardFilter::Context context() const { return {QDateTime::currentMSecsSinceEpoch(), QStringLiteral("dev")}; }

    /// The ids the proxy shows in every column, in order.
    static QList<qint64> shownIds(const board::CardFilterModel &model)
    {
        QList<qint64> ids;
        for (int column = 0; column < model.rowCount(); ++column) {
            const QModelIndex parent = model.index(column, 0);
            for (int row = 0; row < model.rowCount(parent); ++row)
                ids << model.index(row, 0, parent).data(board::BoardModel::IdRole).toLongLong();
        }
        return ids;
    }

    /// The ids the filter accepts, judged card by card over what the file holds, in board order.
    QList<qint64> expectedIds(const board::CardFilter &filter) const
    {
        QList<qint64> ids;
        for (const storage::Column &column : m_store->columns().value()) {
            storage::CardQuery query;
            query.columnId = column.id;
            for (const storage::Card &card : m_store->cards(query).value()) {
                if (filter.matches(card, context()))
                    ids << card.id;
            }
        }
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        storage::StoreOptions options;
        options.login = QStringLiteral("alice");
        m_store = storage::BoardStore::create(m_dir.filePath(QStringLiteral("demo.helpboard")), QStringLiteral("Demo"),
                                              options)
                          .value();
        QVERIFY(storage::populateDemoBoard(*m_store));
    }

    void shouldShowEveryColumnAndOnlyTheCardsTheFilterAccepts_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::newRow("nothing") << QString();
        QTest::newRow("overdue") << QStringLiteral("overdue");
        QTest::newRow("unassigned") << QStringLiteral("unassigned");
        QTest::newRow("mine") << QStringLiteral("mine");
        QTest::newRow("blocked or needs review") << QStringLiteral("status");
        QTest::newRow("search") << QStringLiteral("search");
        QTest::newRow("nothing matches") << QStringLiteral("none");
    }

    void shouldShowEveryColumnAndOnlyTheCardsTheFilterAccepts()
    {
        QFETCH(QString, rule);
        board::BoardModel board;
        QVERIFY(board.load(*m_store));
        board::CardFilterModel model(board);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        board::CardFilter filter;
        if (rule == u"overdue")
            filter.overdue = true;
        else if (rule == u"unassigned")
            filter.unassigned = true;
        else if (rule == u"mine")
            filter.mine = true;
        else if (rule == u"status")
            filter.statuses = {storage::StatusTag::Blocked, storage::StatusTag::NeedsReview};
        else if (rule == u"search") {
            filter.search = QStringLiteral("printer");
            const QList<qint64> hits = m_store->search(filter.search).value();
            filter.searchIds = QSet<qint64>(hits.cbegin(), hits.cend());
        } else if (rule == u"none")
            filter.search = QStringLiteral("zzz"), filter.searchIds = QSet<qint64>();
        QSignalSpy changed(&model, &board::CardFilterModel::filterChanged);
        model.setFilter(filter, context());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.isFiltering(), !filter.isEmpty());
        // THEN every column is there, and the cards are those the rule accepts, in board order
        QCOMPARE(model.rowCount(), board.rowCount());
        QCOMPARE(shownIds(model), expectedIds(filter));
        if (!rule.isEmpty() && rule != u"none")
            QVERIFY(!shownIds(model).isEmpty() && shownIds(model).size() < board.cardCount());
        int shown = 0;
        for (int column = 0; column < model.rowCount(); ++column) {
            QCOMPARE(model.totalCount(column), board.rowCount(board.index(column, 0)));
            shown += model.shownCount(column);
        }
        QCOMPARE(shown, int(expectedIds(filter).size()));
        for (qint64 id : shownIds(model))
            QCOMPARE(model.cardIndex(id).data(board::BoardModel::IdRole).toLongLong(), id);
    }

    void shouldKeepTheSelectionAndCurrentCardThatStillShow()
    {
        board::BoardModel board;
        QVERIFY(board.load(*m_store));
        board::CardFilterModel model(board);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QItemSelectionModel selection(&model);
        board::CardFilter unassigned;
        unassigned.unassigned = true;
        const QList<qint64> kept = expectedIds(unassigned);
        QList<qint64> hidden;
        for (qint64 id : shownIds(model)) {
            if (!kept.contains(id))
                hidden << id;
        }
        QVERIFY(kept.size() >= 2 && !hidden.isEmpty());
        // GIVEN two cards selected that the filter keeps, one it hides, and the current card one it keeps
        const QPersistentModelIndex current = model.cardIndex(kept.at(1));
        selection.setCurrentIndex(current, QItemSelectionModel::Select);
        selection.select(model.cardIndex(kept.at(0)), QItemSelectionModel::Select);
        selection.select(model.cardIndex(hidden.at(0)), QItemSelectionModel::Select);
        QCOMPARE(selection.selectedIndexes().size(), 3);
        // WHEN the filter changes
        model.setFilter(unassigned, context());
        // THEN the kept ones stay selected and current, at their new rows, and the hidden one is no longer selected
        QCOMPARE(shownIds(model), kept);
        QVERIFY(current.isValid());
        QCOMPARE(current.data(board::BoardModel::IdRole).toLongLong(), kept.at(1));
        QCOMPARE(selection.currentIndex(), QModelIndex(current));
        QList<qint64> selected;
        for (const QModelIndex &index : selection.selectedIndexes())
            selected << index.data(board::BoardModel::IdRole).toLongLong();
        std::sort(selected.begin(), selected.end());
        QList<qint64> expected{kept.at(0), kept.at(1)};
        std::sort(expected.begin(), expected.end());
        QCOMPARE(selected, expected);
        // AND the clock moving on keeps them too
        model.setContext(context());
        QCOMPARE(selection.currentIndex().data(board::BoardModel::IdRole).toLongLong(), kept.at(1));
        QCOMPARE(selection.selectedIndexes().size(), 2);
    }

    void shouldJudgeACardAgainWhenItChanges()
    {
        board::BoardModel board;
        QVERIFY(board.load(*m_store));
        board::CardFilterModel model(board);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        board::CardFilter unassigned;
        unassigned.unassigned = true;
        model.setFilter(unassigned, context());
        const qint64 id = shownIds(model).constFirst();
        // WHEN it is assigned, THEN it goes; WHEN unassigned again, THEN it comes back
        storage::Card card = *board.cardAt(board.cardIndex(id));
        card.assignee = QStringLiteral("dev");
        board.applyCard(card);
        QVERIFY(!model.cardIndex(id).isValid());
        QVERIFY(!shownIds(model).contains(id));
        card.assignee.clear();
        board.applyCard(card);
        QVERIFY(model.cardIndex(id).isValid());
        // AND a new card that matches shows, one that does not stays hidden
        storage::Card fresh = card;
        fresh.id = 999'001;
        fresh.title = QStringLiteral("New, nobody on it");
        board.applyCard(fresh);
        QVERIFY(model.cardIndex(999'001).isValid());
        fresh.id = 999'002;
        fresh.assignee = QStringLiteral("ben");
        board.applyCard(fresh);
        QVERIFY(!model.cardIndex(999'002).isValid());
    }

    void shouldJudgeDueDatesAgainWhenTheClockMoves()
    {
        board::BoardModel board;
        QVERIFY(board.load(*m_store));
        board::CardFilterModel model(board);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        board::CardFilter overdue;
        overdue.overdue = true;
        // A week ago nothing of the demo board was overdue yet; now some cards are
        model.setFilter(overdue, {QDateTime::currentMSecsSinceEpoch() - 7LL * 24 * 3600 * 1000, QString()});
        const int before = int(shownIds(model).size());
        QSignalSpy changed(&model, &board::CardFilterModel::filterChanged);
        model.setContext(context());
        QCOMPARE(changed.count(), 1);
        QVERIFY(shownIds(model).size() > before);
        QCOMPARE(shownIds(model), expectedIds(overdue));
    }
};

QTEST_GUILESS_MAIN(tst_CardFilterModel)
#include "tst_cardfiltermodel.moc"
