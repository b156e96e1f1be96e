// SPDX-License-Identifier: GPL-3.0-or-later
// Checklist templates: what a new board ships, saving and replacing, deleting and restoring, filling a checklist.
#include "boardtestcase.h"

#include <storage/boardstore.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

using namespace hb::storage;
using namespace hb::tests;

Q_DECLARE_METATYPE(hb::storage::ErrorKind)

class tst_Templates : public BoardTestCase
{
    Q_OBJECT

private:
    std::optional<ChecklistTemplate> named(const QString &name)
    {
        for (const ChecklistTemplate &each : m_store->checklistTemplates().value()) {
            if (each.name == name)
                return each;
        }
        return std::nullopt;
    }

    QStringList checklistTexts(qint64 card)
    {
        QStringList texts;
        for (const ChecklistItem &item : m_store->checklist(card).value())
            texts << item.text;
        return texts;
    }

private Q_SLOTS:
    void init() { setUpBoard(); }
    void cleanup() { tearDownBoard(); }

    void shouldShipFourTemplatesWithANewBoard()
    {
        const QList<ChecklistTemplate> templates = m_store->checklistTemplates().value();
        QStringList names;
        for (const ChecklistTemplate &each : templates) {
            names << each.name;
            QVERIFY2(each.items.size() >= 4, qPrintable(each.name));
            QCOMPARE(each.createdBy, QStringLiteral("alice"));
            QVERIFY(each.version >= 1);
        }
        QCOMPARE(names, (QStringList{QStringLiteral("New hire set-up"), QStringLiteral("Password reset"),
                                     QStringLiteral("Printer troubleshooting"), QStringLiteral("Software install")}));
    }

    void shouldCreateATemplateAndReplaceItsItemsOnlyFromTheVersionSeen()
    {
        const qint64 seq = m_store->lastEventSeq().value();
        // A new one: items trimmed, empty lines dropped
        auto id = m_store->createChecklistTemplate(QStringLiteral(" VPN set-up "),
                                                   {QStringLiteral(" Install client"), QString(),
                                                    QStringLiteral("Import profile  "), QStringLiteral("Test")});
        QVERIFY2(id, qPrintable(describe(id)));
        auto saved = named(QStringLiteral("VPN set-up"));
        QVERIFY(saved);
        QCOMPARE(saved->id, *id);
        QCOMPARE(saved->items, (QStringList{QStringLiteral("Install client"), QStringLiteral("Import profile"),
                                            QStringLiteral("Test")}));
        // The same name in other letters is another template's name: refused, never a silent replacement
        auto clash = m_store->createChecklistTemplate(QStringLiteral("vpn SET-UP"), {QStringLiteral("Only this")});
        QVERIFY(!clash);
        QCOMPARE(clash.error().kind, ErrorKind::Invalid);
        QCOMPARE(named(QStringLiteral("VPN set-up"))->items, saved->items);
        // Replacing its items from the version seen: done, a new version
        m_clock += 1000;
        QVERIFY(m_store->replaceChecklistTemplateItems(*id, {QStringLiteral("Only this")}, saved->version));
        const auto replaced = named(QStringLiteral("VPN set-up"));
        QCOMPARE(replaced->items, QStringList{QStringLiteral("Only this")});
        QVERIFY(replaced->version > saved->version);
        QCOMPARE(replaced->updatedAt, m_clock);
        // ... and from a version someone changed since: a conflict, their items stay
        const Status stale = m_store->replaceChecklistTemplateItems(*id, {QStringLiteral("Mine")}, saved->version);
        QVERIFY(!stale);
        QCOMPARE(stale.error().kind, ErrorKind::Conflict);
        QCOMPARE(named(QStringLiteral("VPN set-up"))->items, QStringList{QStringLiteral("Only this")});
        QCOMPARE(m_store->replaceChecklistTemplateItems(987654, {QStringLiteral("x")}).error().kind,
                 ErrorKind::NotFound);
        QCOMPARE(m_store->checklistTemplates()->size(), 5);
        // Both changes recorded in the change feed, the replacement with what it had before
        const QList<Event> events = m_store->eventsSince(seq).value();
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).kind, QStringLiteral("template.created"));
        QCOMPARE(events.at(1).kind, QStringLiteral("template.updated"));
        const QJsonObject change = QJsonDocument::fromJson(events.at(1).payload).object();
        QCOMPARE(change.value(QStringLiteral("items")).toObject().value(QStringLiteral("from")).toArray().size(), 3);
    }

    void shouldRefuseBadTemplates_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("items");
        QTest::addColumn<QString>("words");
        QTest::newRow("no name") << QStringLiteral("   ") << QStringList{QStringLiteral("x")} << QStringLiteral("name");
        QTest::newRow("name too long") << QString(101, QLatin1Char('n')) << QStringList{QStringLiteral("x")}
                                       << QStringLiteral("name");
        QTest::newRow("no items") << QStringLiteral("Empty") << QStringList() << QStringLiteral("at least one");
        QTest::newRow("only blank items") << QStringLiteral("Blank") << QStringList{QStringLiteral(" "), QString()}
                                          << QStringLiteral("at least one");
        QTest::newRow("item too long") << QStringLiteral("Long") << QStringList{QString(1001, QLatin1Char('x'))}
                                       << QStringLiteral("checklist item");
        QStringList many;
        for (int i = 0; i <= BoardStore::s_maxTemplateItems; ++i)
            many << QStringLiteral("Step %1").arg(i);
        QTest::newRow("too many items") << QStringLiteral("Many") << many << QStringLiteral("at most 100");
    }

    void shouldRefuseBadTemplates()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, items);
        QFETCH(QString, words);
        const qint64 seq = m_store->lastEventSeq().value();
        auto refused = m_store->createChecklistTemplate(name, items);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Invalid);
        QVERIFY2(refused.error().message.contains(words), qPrintable(refused.error().message));
        QCOMPARE(m_store->checklistTemplates()->size(), 4);
        QCOMPARE(m_store->lastEventSeq().value(), seq);
    }

    void shouldFillAChecklistFromATemplateAfterWhatItHas()
    {
        const qint64 card = newCard(QStringLiteral("Install Visio for Finance"));
        QVERIFY(m_store->addChecklistItem(card, QStringLiteral("Ask for the cost centre")));
        const auto install = named(QStringLiteral("Software install"));
        QVERIFY(install);
        const qint64 seq = m_store->lastEventSeq().value();
        const qint64 version = m_store->card(card)->version;
        // WHEN the template is applied
        auto applied = m_store->applyChecklistTemplate(card, install->id);
        QVERIFY2(applied, qPrintable(describe(applied)));
        // THEN its items follow the one the card had, in order, unticked, in one change
        QCOMPARE(applied->size(), install->items.size());
        QCOMPARE(checklistTexts(card), QStringList{QStringLiteral("Ask for the cost centre")} + install->items);
        const QList<ChecklistItem> items = m_store->checklist(card).value();
        for (int i = 0; i < applied->size(); ++i) {
            QCOMPARE(items.at(i + 1).id, applied->at(i));
            QVERIFY(!items.at(i + 1).done);
        }
        QCOMPARE(m_store->card(card)->checklistTotal, int(install->items.size()) + 1);
        QCOMPARE(m_store->card(card)->version, version + 1);
        const QList<Event> events = m_store->eventsSince(seq).value();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().kind, QStringLiteral("checklist.template_applied"));
        QCOMPARE(events.first().cardId, card);
        const QJsonObject payload = QJsonDocument::fromJson(events.first().payload).object();
        QCOMPARE(payload.value(QStringLiteral("template")).toString(), QStringLiteral("Software install"));
        QCOMPARE(payload.value(QStringLiteral("item_ids")).toArray().size(), applied->size());
        // AND its text is searchable
        QVERIFY(m_store->search(QStringLiteral("installer")).value().contains(card));
        // AND applying it twice adds the items twice (a second install on the same ticket)
        QVERIFY(m_store->applyChecklistTemplate(card, install->id));
        QCOMPARE(m_store->checklist(card)->size(), 1 + 2 * install->items.size());
    }

    void shouldNotApplyATemplateTwiceForOneOperation()
    {
        const qint64 card = newCard(QStringLiteral("Printer on 3rd floor"));
        const auto printer = named(QStringLiteral("Printer troubleshooting"));
        const QUuid op = QUuid::createUuid();
        m_store->setNextOperationId(op);
        const QList<qint64> first = m_store->applyChecklistTemplate(card, printer->id).value();
        m_store->setNextOperationId(op);
        const QList<qint64> retried = m_store->applyChecklistTemplate(card, printer->id).value();
        QCOMPARE(retried, first);
        QCOMPARE(m_store->checklist(card)->size(), printer->items.size());
    }

    void shouldDeleteAndRestoreSeveralChecklistItemsInOneChange()
    {
        const qint64 card = newCard(QStringLiteral("Printer on 2nd floor"));
        const QList<qint64> items =
                m_store->applyChecklistTemplate(card, named(QStringLiteral("Printer troubleshooting"))->id).value();
        // A colleague deleted one already: the others go, and that one is no error
        QVERIFY(m_store->deleteChecklistItem(items.at(1)));
        const qint64 seq = m_store->lastEventSeq().value();
        QVERIFY(m_store->deleteChecklistItems(items));
        QVERIFY(m_store->checklist(card)->isEmpty());
        QCOMPARE(m_store->eventsSince(seq)->size(), items.size() - 1);
        // All back in one change, in their places
        QVERIFY(m_store->restoreChecklistItems(items));
        QList<qint64> back;
        for (const ChecklistItem &item : m_store->checklist(card).value())
            back << item.id;
        QCOMPARE(back, items);
        QVERIFY(m_store->restoreChecklistItems(items)); // already back: nothing to do
        // A viewer may not
        auto viewer = BoardStore::open(m_store->path(), as(QStringLiteral("vera"))).value();
        QCOMPARE(viewer->deleteChecklistItems(items).error().kind, ErrorKind::Forbidden);
        QCOMPARE(m_store->checklist(card)->size(), items.size());
    }

    void shouldDeleteAndRestoreTemplates()
    {
        const auto reset = named(QStringLiteral("Password reset"));
        QVERIFY(m_store->deleteChecklistTemplate(reset->id));
        QVERIFY(!named(QStringLiteral("Password reset")));
        QCOMPARE(m_store->deleteChecklistTemplate(reset->id).error().kind, ErrorKind::NotFound);
        const qint64 card = newCard(QStringLiteral("Locked out"));
        QCOMPARE(m_store->applyChecklistTemplate(card, reset->id).error().kind, ErrorKind::NotFound);
        // Not while another one has taken its name
        const qint64 other =
                m_store->createChecklistTemplate(QStringLiteral("password RESET"), {QStringLiteral("x")}).value();
        QCOMPARE(m_store->restoreChecklistTemplate(reset->id).error().kind, ErrorKind::Invalid);
        QVERIFY(m_store->deleteChecklistTemplate(other));
        QVERIFY(m_store->restoreChecklistTemplate(reset->id));
        QCOMPARE(named(QStringLiteral("Password reset"))->items, reset->items);
        QVERIFY(m_store->restoreChecklistTemplate(reset->id)); // already back: nothing to do
    }

    void shouldLetViewersOnlyReadTemplates()
    {
        const qint64 card = newCard(QStringLiteral("Mailbox full"));
        const qint64 install = named(QStringLiteral("Software install"))->id;
        auto viewer = BoardStore::open(m_store->path(), as(QStringLiteral("vera"))).value();
        QCOMPARE(viewer->checklistTemplates()->size(), 4);
        QCOMPARE(viewer->createChecklistTemplate(QStringLiteral("Mine"), {QStringLiteral("x")}).error().kind,
                 ErrorKind::Forbidden);
        QCOMPARE(viewer->deleteChecklistTemplate(install).error().kind, ErrorKind::Forbidden);
        QCOMPARE(viewer->applyChecklistTemplate(card, install).error().kind, ErrorKind::Forbidden);
        QCOMPARE(m_store->checklist(card)->size(), 0);
        QCOMPARE(m_store->checklistTemplates()->size(), 4);
    }
};

QTEST_GUILESS_MAIN(tst_Templates)
#include "tst_templates.moc"
