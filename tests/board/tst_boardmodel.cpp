// SPDX-License-Identifier: GPL-3.0-or-later
#include <board/model/boardmodel.h>
#include <storage/boardstore.h>
#include <storage/exchange/demoboard.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace hb;

class tst_BoardModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<storage::BoardStore> m_store;

private Q_SLOTS:
    void initTestCase()
    {
        storage::StoreOptions options;
        options.login = QStringLiteral("alice");
        auto store = storage::BoardStore::create(m_dir.filePath(QStringLiteral("demo.helpboard")),
                                                 QStringLiteral("Demo"), options);
        QVERIFY(store);
        m_store = std::move(store).value();
        const auto populated = storage::populateDemoBoard(*m_store);
        QVERIFY2(populated, populated ? "" : qPrintable(populated.error().message));
    }

    void shouldMirrorTheStoreInBoardOrder()
    {
        board::BoardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(model.load(*m_store));
        QCOMPARE(reset.count(), 1);

        const auto columns = m_store->columns().value();
        QCOMPARE(model.rowCount(), columns.size());
        int total = 0;
        for (int row = 0; row < columns.size(); ++row) {
            const QModelIndex column = model.index(row, 0);
            QCOMPARE(column.data().toString(), columns.at(row).name);
            QVERIFY(column.data(board::BoardModel::IsColumnRole).toBool());
            QCOMPARE(column.data(board::BoardModel::WipLimitRole).toInt(), columns.at(row).wipLimit);
            storage::CardQuery query;
            query.columnId = columns.at(row).id;
            const auto cards = m_store->cards(query).value();
            QCOMPARE(model.rowCount(column), cards.size());
            QCOMPARE(column.data(board::BoardModel::CardCountRole).toInt(), cards.size());
            for (int i = 0; i < cards.size(); ++i) {
                const QModelIndex card = model.index(i, 0, column);
                QCOMPARE(card.parent(), column);
                QCOMPARE(card.data(board::BoardModel::IdRole).toLongLong(), cards.at(i).id);
                QCOMPARE(card.data().toString(), cards.at(i).title);
                QCOMPARE(card.data(board::BoardModel::ChecklistTotalRole).toInt(), cards.at(i).checklistTotal);
                QCOMPARE(card.data(board::BoardModel::CommentCountRole).toInt(), cards.at(i).commentCount);
                QCOMPARE(model.rowCount(card), 0);
                QCOMPARE(model.cardAt(card)->id, cards.at(i).id);
                QVERIFY(!model.columnAt(card));
            }
            total += int(cards.size());
        }
        QCOMPARE(model.cardCount(), total);
        QVERIFY(total >= 20);
    }

    void shouldSayWhenACardsHeightMayChange()
    {
        board::BoardModel model;
        QVERIFY(model.load(*m_store));
        const QModelIndex todo = model.index(0, 0);
        storage::Card card = *model.cardAt(model.index(0, 0, todo));
        const auto key = [&model, &card] {
            return model.cardIndex(card.id).data(board::BoardModel::HeightKeyRole).value<quint64>();
        };
        card.labelIds.clear();
        model.applyCard(card);
        const quint64 plain = key();
        // a rename changes it, and renaming back gives the same again
        const QString title = card.title;
        card.title = QStringLiteral("A much longer title that wraps onto more lines than before");
        model.applyCard(card);
        QVERIFY(key() != plain);
        card.title = title;
        model.applyCard(card);
        QCOMPARE(key(), plain);
        // a label changes it; other fields do not
        card.labelIds = {model.labels().constFirst().id};
        model.applyCard(card);
        QVERIFY(key() != plain);
        QVERIFY(model.cardIndex(card.id).data(board::BoardModel::HasLabelsRole).toBool());
        const quint64 labelled = key();
        card.priority = storage::Priority::Low;
        card.assignee = QStringLiteral("ben");
        model.applyCard(card);
        QCOMPARE(key(), labelled);
    }

    void shouldRememberTheVersionACardLeftTheBoardAt()
    {
        board::BoardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.load(*m_store));
        const QModelIndex todo = model.index(0, 0);
        storage::Card first = *model.cardAt(model.index(0, 0, todo));
        storage::Card second = *model.cardAt(model.index(1, 0, todo));
        QCOMPARE(model.versionWhenRemoved(first.id), 0);
        // archived (as a save reads it back): the archived version; removed at once (as an action shows it): the
        // version it had on the board
        first.archivedAt = 1;
        ++first.version;
        model.applyCard(first);
        QCOMPARE(model.versionWhenRemoved(first.id), first.version);
        model.removeCard(second.id);
        QCOMPARE(model.versionWhenRemoved(second.id), second.version);
        // brought back (a newer version), it shows, and a later removal remembers the later version
        ++second.version;
        model.applyCard(second);
        QVERIFY(model.cardIndex(second.id).isValid());
        model.removeCard(second.id);
        QCOMPARE(model.versionWhenRemoved(second.id), second.version);
        // a new load starts afresh
        QVERIFY(model.load(*m_store));
        QCOMPARE(model.versionWhenRemoved(second.id), 0);
    }

    void shouldShowEachCardsServiceLevelBadgeAndSayWhichChanged()
    {
        board::BoardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.load(*m_store));
        const QModelIndex todo = model.index(0, 0);
        const QModelIndex doing = model.index(1, 0);
        const qint64 first = model.index(0, 0, todo).data(board::BoardModel::IdRole).toLongLong();
        const qint64 third = model.index(2, 0, todo).data(board::BoardModel::IdRole).toLongLong();
        const qint64 working = model.index(0, 0, doing).data(board::BoardModel::IdRole).toLongLong();
        // Before any clocks: no badge
        QCOMPARE(model.index(0, 0, todo).data(board::BoardModel::SlaTextRole).toString(), QString());
        const auto running = [](board::sla::ClockState state, qint64 elapsed) {
            board::sla::Clocks clocks;
            clocks.response.state = state;
            clocks.response.targetMs = 60 * 60'000;
            clocks.response.elapsedMs = elapsed;
            clocks.resolution.state = board::sla::ClockState::Ok;
            return clocks;
        };
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // WHEN every card's clocks are read: two in To-do, one in Doing
        model.setClocks({{first, running(board::sla::ClockState::Ok, 20 * 60'000)},
                         {third, running(board::sla::ClockState::Breached, 90 * 60'000)},
                         {working, running(board::sla::ClockState::AtRisk, 50 * 60'000)}},
                        true);
        // THEN each says so, and one change per column covers the cards that changed, for the badge's roles only
        QCOMPARE(model.index(0, 0, todo).data(board::BoardModel::SlaTextRole).toString(), QStringLiteral("40m left"));
        QCOMPARE(model.index(0, 0, todo).data(board::BoardModel::SlaStateRole).toString(), QStringLiteral("ok"));
        QCOMPARE(model.index(2, 0, todo).data(board::BoardModel::SlaTextRole).toString(), QStringLiteral("30m over"));
        QCOMPARE(model.index(2, 0, todo).data(board::BoardModel::SlaStateRole).toString(), QStringLiteral("breached"));
        QCOMPARE(model.index(1, 0, todo).data(board::BoardModel::SlaTextRole).toString(), QString());
        QCOMPARE(model.index(0, 0, doing).data(board::BoardModel::SlaStateRole).toString(), QStringLiteral("at-risk"));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(0, 0, todo));
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(2, 0, todo));
        QCOMPARE(changed.at(0).at(2).value<QList<int>>(),
                 (QList<int>{board::BoardModel::SlaStateRole, board::BoardModel::SlaTextRole}));
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>(), model.index(0, 0, doing));
        // WHEN only one card's clocks come (it changed) THEN only it changes, and the others keep theirs
        changed.clear();
        model.setClocks({{third, running(board::sla::ClockState::Ok, 10 * 60'000)}}, false);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(2, 0, todo));
        QCOMPARE(model.index(2, 0, todo).data(board::BoardModel::SlaTextRole).toString(), QStringLiteral("50m left"));
        QCOMPARE(model.index(0, 0, todo).data(board::BoardModel::SlaTextRole).toString(), QStringLiteral("40m left"));
        // WHEN every card's are read and nothing changed THEN nothing is said
        changed.clear();
        model.setClocks({{first, running(board::sla::ClockState::Ok, 20 * 60'000)},
                         {third, running(board::sla::ClockState::Ok, 10 * 60'000)},
                         {working, running(board::sla::ClockState::AtRisk, 50 * 60'000)}},
                        true);
        QCOMPARE(changed.count(), 0);
        // AND every card's without one (service levels that cannot be used) takes every badge away
        model.setClocks({}, true);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(model.index(0, 0, doing).data(board::BoardModel::SlaTextRole).toString(), QString());
    }

    void shouldMarkACardJustChangedForAWhile()
    {
        board::BoardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.load(*m_store));
        const QModelIndex first = model.index(0, 0, model.index(0, 0));
        const QModelIndex second = model.index(1, 0, model.index(0, 0));
        const qint64 id = first.data(board::BoardModel::IdRole).toLongLong();
        QVERIFY(first.data(board::BoardModel::ChangedByRole).toString().isEmpty());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // marked: the card says who, by display name, also in its tooltip; its neighbour does not
        model.markChanged(id, QStringLiteral("ben"), 150);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), first);
        QVERIFY(changed.first().at(2).value<QList<int>>().contains(board::BoardModel::ChangedByRole));
        QCOMPARE(first.data(board::BoardModel::ChangedByRole).toString(), QStringLiteral("Ben Okafor"));
        QVERIFY(first.data(Qt::ToolTipRole)
                        .toString()
                        .startsWith(QStringLiteral("<p><i>Just changed by Ben Okafor</i><br>")));
        QVERIFY(second.data(board::BoardModel::ChangedByRole).toString().isEmpty());
        // a second mark of another card, shorter: each goes when its own time is up
        model.markChanged(second.data(board::BoardModel::IdRole).toLongLong(), QStringLiteral("chloe"), 50);
        QTRY_VERIFY_WITH_TIMEOUT(second.data(board::BoardModel::ChangedByRole).toString().isEmpty(), 1000);
        QVERIFY(!first.data(board::BoardModel::ChangedByRole).toString().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(first.data(board::BoardModel::ChangedByRole).toString().isEmpty(), 1000);
        QVERIFY(!first.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Just changed")));
        // each mark's end was told to the views
        QCOMPARE(changed.count(), 4);
    }

    void shouldShowACardsTooltipAsPlainText_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<storage::Priority>("priority");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QStringList>("shown"); ///< what the tooltip's text says
        QTest::addColumn<QStringList>("notShown");
        QTest::newRow("markdown read as text")
                << QStringLiteral("VPN drops") << storage::Priority::High
                << QStringLiteral("# Steps\n\n1. **Restart** the [client](https://vpn.example)\n2. `ipconfig /renew`")
                << QStringList{QStringLiteral("VPN drops"), QStringLiteral("Priority: High"), QStringLiteral("Steps"),
                               QStringLiteral("Restart the client"), QStringLiteral("ipconfig /renew")}
                << QStringList{QStringLiteral("**"), QStringLiteral("# "), QStringLiteral("](")};
        QTest::newRow("markup in people's text stays text")
                << QStringLiteral("<b>bold</b> & <img src=x>") << storage::Priority::Critical
                << QStringLiteral("<a href='http://evil'>click</a>")
                << QStringList{QStringLiteral("<b>bold</b> & <img src=x>"), QStringLiteral("Priority: Critical")}
                << QStringList{}; // raw HTML in Markdown stays text: never a link, an image or markup
        QTest::newRow("long description cut")
                << QStringLiteral("Long") << storage::Priority::Low << QString(2000, u'x')
                << QStringList{QStringLiteral("Priority: Low"), QString(400, u'x')} << QStringList{QString(401, u'x')};
    }

    void shouldShowACardsTooltipAsPlainText()
    {
        QFETCH(QString, title);
        QFETCH(storage::Priority, priority);
        QFETCH(QString, description);
        QFETCH(QStringList, shown);
        QFETCH(QStringList, notShown);
        storage::Card card;
        card.id = 1;
        card.title = title;
        card.priority = priority;
        card.description = description;
        board::BoardModel model;
        QTextDocument tooltip;
        tooltip.setHtml(model.toolTip(card)); // as QToolTip shows it: rich text
        const QString text = tooltip.toPlainText();
        for (const QString &part : shown)
            QVERIFY2(text.contains(part), qPrintable(text));
        for (const QString &part : notShown)
            QVERIFY2(!text.contains(part), qPrintable(text));
        QVERIFY(!tooltip.toHtml().contains(u"<img"));
        QVERIFY(!tooltip.toHtml().contains(u"<a href"));
    }

    void shouldReloadAfterAChange()
    {
        board::BoardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.load(*m_store));
        const int before = model.cardCount();
        storage::NewCard card;
        card.columnId = m_store->columns()->constFirst().id;
        card.title = QStringLiteral("<b>x</b><img src=y>");
        QVERIFY(m_store->createCard(card));
        QVERIFY(model.load(*m_store));
        QCOMPARE(model.cardCount(), before + 1);
        const QModelIndex todo = model.index(0, 0);
        const QModelIndex last = model.index(model.rowCount(todo) - 1, 0, todo);
        QCOMPARE(last.data().toString(), QStringLiteral("<b>x</b><img src=y>"));
        QCOMPARE(model.columnIndex(card.columnId), todo);
    }
};

QTEST_GUILESS_MAIN(tst_BoardModel)
#include "tst_boardmodel.moc"
