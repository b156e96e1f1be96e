// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/testsupport.h"

#include <board/rules/escalation.h>
#include <board/rules/historytext.h>
#include <storage/boardstore.h>

#include <QTemporaryDir>
#include <QTest>

using namespace hb;

class tst_HistoryText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldTellACardsStoryInOrder()
    {
        QTemporaryDir dir;
        auto store = storage::BoardStore::create(dir.filePath(QStringLiteral("b.helpboard")), QStringLiteral("Board"),
                                                 tests::optionsFor(QStringLiteral("alice")))
                             .value();
        const QList<storage::Column> columns = store->columns().value();
        // GIVEN a scripted life of one card
        storage::NewCard fresh;
        fresh.columnId = columns.at(0).id;
        fresh.title = QStringLiteral("Printer jam");
        const qint64 id = store->createCard(fresh).value();
        QVERIFY(store->moveCard(id, columns.at(1).id));
        storage::CardPatch patch;
        patch.title = QStringLiteral("Printer jams on floor 3");
        patch.priority = storage::Priority::High;
        QVERIFY(store->updateCard(id, patch));
        storage::CardPatch status;
        status.status = storage::StatusTag::NeedsReview;
        QVERIFY(store->updateCard(id, status));
        const qint64 item = store->addChecklistItem(id, QStringLiteral("Clear the tray")).value();
        QVERIFY(store->setChecklistItemDone(item, true));
        const QList<storage::ChecklistTemplate> templates = store->checklistTemplates().value();
        QVERIFY(store->applyChecklistTemplate(id, templates.last().id));
        QVERIFY(store->addComment(id, QStringLiteral("Done, <b>it works</b>")));
        const qint64 label = store->createLabel(QStringLiteral("Hardware"), QStringLiteral("#c0392b")).value();
        QVERIFY(store->attachLabel(id, label));
        const QString manual = dir.filePath(QStringLiteral("manual.txt"));
        QVERIFY(tests::writeFile(manual, QByteArrayLiteral("Open tray 2, pull the lever.")));
        QVERIFY(store->addAttachment(id, manual));
        storage::Article article;
        article.title = QStringLiteral("Printer jams");
        const qint64 articleId = store->createArticle(article).value();
        QVERIFY(store->linkArticle(id, articleId));
        QVERIFY(store->unlinkArticle(id, articleId));
        QVERIFY(store->linkArticle(id, articleId));
        QVERIFY(store->moveCard(id, columns.at(2).id));
        QVERIFY(store->archiveCard(id));

        // THEN the history reads, oldest first
        QStringList lines;
        for (const storage::Event &event : store->cardHistory(id).value())
            lines << event.actor + QStringLiteral(": ") + board::describeEvent(event);
        const QStringList expected{
                QStringLiteral("alice: created it in To-do"),
                QStringLiteral("alice: moved it from To-do to Doing"),
                QStringLiteral("alice: changed the priority from Normal to High; renamed it from “Printer jam” to "
                               "“Printer jams on floor 3”"),
                QStringLiteral("alice: changed the status from None to Needs review"),
                QStringLiteral("alice: added “Clear the tray” to the checklist"),
                QStringLiteral("alice: ticked “Clear the tray”"),
                QStringLiteral("alice: added the checklist template “Software install” (5 items)"),
                QStringLiteral("alice: commented: “Done, <b>it works</b>”"),
                QStringLiteral("alice: added the label Hardware"),
                QStringLiteral("alice: attached “manual.txt”"),
                QStringLiteral("alice: solved it with the article “Printer jams”"),
                QStringLiteral("alice: took off the article “Printer jams”"),
                QStringLiteral("alice: solved it with the article “Printer jams”"),
                QStringLiteral("alice: moved it from Doing to Done"),
                QStringLiteral("alice: archived it"),
        };
        QCOMPARE(lines, expected);
    }

    void shouldTellAnEscalationsStory()
    {
        QTemporaryDir dir;
        auto store = storage::BoardStore::create(dir.filePath(QStringLiteral("b.helpboard")), QStringLiteral("Board"),
                                                 tests::optionsFor(QStringLiteral("alice")))
                             .value();
        storage::EscalationTarget vendor;
        vendor.name = QStringLiteral("Dell ProSupport");
        vendor.kind = storage::EscalationKind::Vendor;
        vendor.id = store->createEscalationTarget(vendor).value();
        storage::EscalationTarget network;
        network.name = QStringLiteral("Network team");
        network.id = store->createEscalationTarget(network).value();
        storage::NewCard fresh;
        fresh.columnId = store->columns()->constFirst().id;
        fresh.title = QStringLiteral("Laptop battery swollen");
        const qint64 id = store->createCard(fresh).value();
        // GIVEN each step as the window and the CLI make it (board/rules/escalation), on the card as the file has it
        namespace escalation = board::escalation;
        const auto step = [&](const std::function<storage::CardPatch(const storage::Card &)> &edit) {
            return bool(store->updateCard(id, edit(store->card(id).value())));
        };
        QVERIFY(step([&](const storage::Card &card) { return escalation::escalate(card, vendor, u"SR 1"_qs); }));
        QVERIFY(step([](const storage::Card &card) { return escalation::acknowledged(card, true); }));
        QVERIFY(step([](const storage::Card &card) { return escalation::reference(card, u"SR 2"_qs); }));
        QVERIFY(step([](const storage::Card &card) { return escalation::vendorResolved(card, true); }));
        QVERIFY(step([&](const storage::Card &card) { return escalation::escalate(card, network); }));
        QVERIFY(step([](const storage::Card &card) { return escalation::takeBack(card); }));

        // THEN the history tells each, and what the status did with it
        QStringList lines;
        for (const storage::Event &event : store->cardHistory(id).value())
            lines << board::describeEvent(event);
        const QStringList expected{
                u"created it in To-do"_qs,
                u"escalated it to Dell ProSupport (case “SR 1”); changed the status from None to Waiting on vendor"_qs,
                u"noted that Dell ProSupport acknowledged it"_qs,
                u"set the case number of Dell ProSupport to “SR 2”"_qs,
                u"noted that Dell ProSupport resolved it; changed the status from Waiting on vendor to In progress"_qs,
                u"handed the escalation from Dell ProSupport to Network team"_qs,
                u"took back the escalation to Network team"_qs,
        };
        QCOMPARE(lines, expected);
        // AND the service-level clocks read the escalations that set a status (in the same event): the vendor's
        // wait pauses the resolution clock
        const QList<storage::Event> clocks = store->clockHistories()->value(id);
        QCOMPARE(clocks.size(), 3); // created, escalated to the vendor, resolved by the vendor
        QVERIFY(clocks.at(1).payload.contains("waiting-vendor"));
        // AND a board escalated before targets existed (schema 4) still reads
        storage::Event old;
        old.kind = QStringLiteral("card.updated");
        old.payload = QByteArrayLiteral(R"({"changes": {"escalated": {"from": false, "to": true}}})");
        QCOMPARE(board::describeEvent(old), u"escalated it"_qs);
    }

    void shouldNameValuesAsTheBoardDoes_data()
    {
        QTest::addColumn<QByteArray>("changes");
        QTest::addColumn<QString>("text");
        QTest::newRow("priority") << QByteArray(R"({"priority": {"from": "low", "to": "critical"}})")
                                  << QStringLiteral("changed the priority from Low to Critical");
        QTest::newRow("status") << QByteArray(R"({"status": {"from": "in-progress", "to": ""}})")
                                << QStringLiteral("changed the status from In progress to None");
        QTest::newRow("channel") << QByteArray(R"({"channel": {"from": "", "to": "walk-in"}})")
                                 << QStringLiteral("changed the channel from Not recorded to Walk-in");
        // A value from a newer HelpBoard, which this one does not know, is still read.
        QTest::newRow("unknown value") << QByteArray(R"({"channel": {"from": "email", "to": "carrier-pigeon"}})")
                                       << QStringLiteral("changed the channel from Email to carrier pigeon");
    }

    void shouldNameValuesAsTheBoardDoes()
    {
        QFETCH(QByteArray, changes);
        QFETCH(QString, text);
        storage::Event event;
        event.kind = QStringLiteral("card.updated");
        event.payload = QByteArrayLiteral(R"({"changes": )") + changes + '}';
        QCOMPARE(board::describeEvent(event), text);
    }

    void shouldNamePeopleAsTheBoardDoes()
    {
        storage::Event event;
        event.kind = QStringLiteral("card.updated");
        event.payload = QByteArrayLiteral(R"({"changes": {"assignee": {"from": "ben", "to": "dev"}}})");
        const auto nameOf = [](const QString &login) {
            return login == u"dev" ? QStringLiteral("Dev Patel") : QStringLiteral("Ben Okafor");
        };
        QCOMPARE(board::describeEvent(event, nameOf), QStringLiteral("assigned it to Dev Patel"));
        QCOMPARE(board::describeEvent(event), QStringLiteral("assigned it to dev")); // by login without names
        event.payload = QByteArrayLiteral(R"({"changes": {"assignee": {"from": "ben", "to": ""}}})");
        QCOMPARE(board::describeEvent(event, nameOf), QStringLiteral("unassigned it from Ben Okafor"));
    }

    void shouldNameKindsItDoesNotKnow()
    {
        storage::Event event;
        event.kind = QStringLiteral("card.teleported");
        event.payload = QByteArrayLiteral("{}");
        QCOMPARE(board::describeEvent(event), QStringLiteral("card.teleported"));
    }
};

QTEST_MAIN(tst_HistoryText)
#include "tst_historytext.moc"
