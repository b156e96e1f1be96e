// SPDX-License-Identifier: GPL-3.0-or-later
// Escalation targets (admins keep the list) and cards' escalations: opened, handed over, taken back, opened again,
// the vendor's answers, the history they leave, and what is refused with nothing written.
#include "boardtestcase.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hb::storage;
using namespace hb::tests;

Q_DECLARE_METATYPE(hb::storage::ErrorKind)

class tst_Escalations : public BoardTestCase
{
    Q_OBJECT

private:
    qint64 m_network = 0;
    qint64 m_vendor = 0;

    static EscalationTarget target(const QString &name, EscalationKind kind, const QString &contact = {})
    {
        EscalationTarget made;
        made.name = name;
        made.kind = kind;
        made.contact = contact;
        return made;
    }

    static CardPatch escalateTo(qint64 targetId, const QString &reference = {}, const QString &note = {})
    {
        CardPatch patch;
        patch.escalation = Escalation{};
        patch.escalation->targetId = targetId;
        patch.escalation->reference = reference;
        patch.escalation->note = note;
        return patch;
    }

    static CardPatch takeBack()
    {
        CardPatch patch;
        patch.escalation = Escalation{};
        return patch;
    }

    /// The "escalation" change of the last card.updated event of card @p id.
    QJsonObject lastEscalationChange(qint64 id)
    {
        const QList<Event> history = m_store->cardHistory(id).value();
        for (auto it = history.crbegin(); it != history.crend(); ++it) {
            if (it->kind == eventkind::CardUpdated) {
                return QJsonDocument::fromJson(it->payload)
                        .object()
                        .value(u"changes")
                        .toObject()
                        .value(u"escalation")
                        .toObject();
            }
        }
        return {};
    }

private Q_SLOTS:
    void init()
    {
        setUpBoard();
        m_network = m_store->createEscalationTarget(target(u"Network team"_qs, EscalationKind::SecondLine)).value();
        m_vendor = m_store->createEscalationTarget(
                                  target(u"Dell ProSupport"_qs, EscalationKind::Vendor, u"0800 555 0199"_qs))
                           .value();
    }
    void cleanup() { tearDownBoard(); }

    void shouldKeepTheTargetsListForAdminsOnly()
    {
        // THEN both are listed by name, with what was given
        QList<EscalationTarget> targets = m_store->escalationTargets().value();
        QCOMPARE(targets.size(), 2);
        QCOMPARE(targets.at(0).name, u"Dell ProSupport"_qs);
        QCOMPARE(targets.at(0).kind, EscalationKind::Vendor);
        QCOMPARE(targets.at(0).contact, u"0800 555 0199"_qs);
        QCOMPARE(targets.at(0).createdBy, u"alice"_qs);
        QCOMPARE(targets.at(1).name, u"Network team"_qs);

        // WHEN ben (an editor) tries to add one, THEN he is refused and nothing is written
        const QString before = fileState();
        QVERIFY(m_store->setLogin(u"ben"_qs));
        auto refused = m_store->createEscalationTarget(target(u"Telecom"_qs, EscalationKind::Vendor));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Forbidden);
        QCOMPARE(fileState(), before);
        QVERIFY(m_store->setLogin(u"alice"_qs));

        // WHEN alice renames one from the version she saw, THEN it is saved and the change feed says so
        const qint64 seq = m_store->lastEventSeq().value();
        EscalationTarget renamed = targets.at(1);
        renamed.name = u"  Network & security  "_qs;
        QVERIFY(m_store->updateEscalationTarget(renamed, renamed.version));
        QCOMPARE(eventKinds(*m_store, seq), QStringList{eventkind::EscalationTargetUpdated.toString()});
        targets = m_store->escalationTargets().value();
        QCOMPARE(targets.at(1).name, u"Network & security"_qs);
        // AND a save from the version before is a conflict
        renamed.notes = u"stale"_qs;
        auto stale = m_store->updateEscalationTarget(renamed, renamed.version);
        QVERIFY(!stale);
        QCOMPARE(stale.error().kind, ErrorKind::Conflict);
    }

    void shouldRefuseABadTarget_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("contact");
        QTest::addColumn<QString>("words");
        QTest::newRow("empty name") << u"   "_qs << QString() << u"1 to 100 characters"_qs;
        QTest::newRow("name too long") << QString(101, u'x') << QString() << u"1 to 100 characters"_qs;
        QTest::newRow("name taken, other case") << u"network TEAM"_qs << QString() << u"already"_qs;
        QTest::newRow("contact too long") << u"Telecom"_qs << QString(501, u'x') << u"contact"_qs;
    }

    void shouldRefuseABadTarget()
    {
        QFETCH(QString, name);
        QFETCH(QString, contact);
        QFETCH(QString, words);
        const QString before = fileState();
        const qint64 seq = m_store->lastEventSeq().value();
        auto refused = m_store->createEscalationTarget(target(name, EscalationKind::Vendor, contact));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Invalid);
        QVERIFY2(refused.error().message.contains(words), qPrintable(refused.error().message));
        QCOMPARE(fileState(), before);
        QCOMPARE(m_store->lastEventSeq().value(), seq);
        QCOMPARE(m_store->escalationTargets()->size(), 2);
    }

    void shouldEscalateHandOverTakeBackAndOpenAgain()
    {
        const qint64 card = newCard(u"Laptop battery swollen"_qs);
        // WHEN ben escalates it to the vendor with their case number
        QVERIFY(m_store->setLogin(u"ben"_qs));
        m_clock += 60'000;
        QVERIFY(m_store->updateCard(card, escalateTo(m_vendor, u" SR 1029 "_qs, u"Under warranty"_qs)));
        // THEN the card says so: to whom, by whom, when, the case number (trimmed) and the note
        Escalation open = m_store->card(card)->escalation;
        QVERIFY(open.isEscalated());
        QCOMPARE(open.targetName, u"Dell ProSupport"_qs);
        QCOMPARE(open.targetKind, EscalationKind::Vendor);
        QCOMPARE(open.by, u"ben"_qs);
        QCOMPARE(open.at, m_clock);
        QCOMPARE(open.reference, u"SR 1029"_qs);
        QCOMPARE(open.note, u"Under warranty"_qs);
        QCOMPARE(open.acknowledgedAt, 0);
        // AND the history has the change, from none to the vendor
        QJsonObject change = lastEscalationChange(card);
        QVERIFY(change.value(u"from").isNull());
        QCOMPARE(change.value(u"to").toObject().value(u"target").toString(), u"Dell ProSupport"_qs);
        QCOMPARE(change.value(u"to").toObject().value(u"reference").toString(), u"SR 1029"_qs);

        // WHEN the vendor acknowledges it, and later resolves it
        m_clock += 60'000;
        const qint64 acknowledgedAt = m_clock;
        CardPatch acknowledged;
        acknowledged.escalation = open;
        acknowledged.escalation->acknowledgedAt = 1; // "yes": the file keeps its own time
        QVERIFY(m_store->updateCard(card, acknowledged));
        m_clock += 60'000;
        CardPatch resolved;
        resolved.escalation = m_store->card(card)->escalation;
        resolved.escalation->resolvedAt = 1;
        QVERIFY(m_store->updateCard(card, resolved));
        // THEN each keeps the time it was first said
        open = m_store->card(card)->escalation;
        QCOMPARE(open.acknowledgedAt, acknowledgedAt);
        QCOMPARE(open.resolvedAt, m_clock);
        QCOMPARE(m_store->escalations(card)->size(), 1);

        // WHEN ben hands it to the network team instead
        m_clock += 60'000;
        QVERIFY(m_store->updateCard(card, escalateTo(m_network)));
        // THEN the vendor's escalation ended, kept with its case number; the new one is open
        QList<Escalation> all = m_store->escalations(card).value();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).endedAt, m_clock);
        QCOMPARE(all.at(0).endedBy, u"ben"_qs);
        QCOMPARE(all.at(0).reference, u"SR 1029"_qs);
        QCOMPARE(all.at(1).targetName, u"Network team"_qs);
        QCOMPARE(all.at(1).endedAt, 0);
        QCOMPARE(m_store->card(card)->escalation.id, all.at(1).id);

        // WHEN he takes it back, THEN the card is not escalated, and the history says from whom
        m_clock += 60'000;
        QVERIFY(m_store->updateCard(card, takeBack()));
        QVERIFY(!m_store->card(card)->escalation.isEscalated());
        QVERIFY(lastEscalationChange(card).value(u"to").isNull());
        QCOMPARE(rawSql(m_store->path(), {u"SELECT count(*) FROM cards WHERE escalated_at IS NOT NULL"_qs})
                         .rows.value(0)
                         .value(0)
                         .toInt(),
                 0);

        // WHEN that is undone (the escalation it ended, by its id), THEN that same escalation is open again
        CardPatch undo;
        undo.escalation = all.at(1);
        QVERIFY(m_store->updateCard(card, undo));
        QCOMPARE(m_store->card(card)->escalation.id, all.at(1).id);
        QCOMPARE(m_store->card(card)->escalation.at, all.at(1).at);
        QCOMPARE(m_store->escalations(card)->size(), 2);
        // AND the id of an escalation to another target opens a new one instead
        CardPatch back;
        back.escalation = all.at(0);
        back.escalation->targetId = m_network;
        QVERIFY(m_store->updateCard(card, takeBack()));
        QVERIFY(m_store->updateCard(card, back));
        QCOMPARE(m_store->escalations(card)->size(), 3);
        QCOMPARE(rawSql(m_store->path(), {u"PRAGMA foreign_key_check"_qs}).rows.size(), 0);
    }

    void shouldRefuseABadEscalationWithNothingWritten_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<int>("targetRow"); // 0: network, 1: vendor, 2: a target removed from the list, 3: none there
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("note");
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("viewer") << u"vera"_qs << 0 << QString() << QString() << ErrorKind::Forbidden;
        QTest::newRow("no such target") << u"ben"_qs << 3 << QString() << QString() << ErrorKind::NotFound;
        QTest::newRow("removed target") << u"ben"_qs << 2 << QString() << QString() << ErrorKind::Invalid;
        QTest::newRow("case number too long")
                << u"ben"_qs << 1 << QString(101, u'7') << QString() << ErrorKind::Invalid;
        QTest::newRow("note too long") << u"ben"_qs << 1 << QString() << QString(2001, u'n') << ErrorKind::Invalid;
    }

    void shouldRefuseABadEscalationWithNothingWritten()
    {
        QFETCH(QString, who);
        QFETCH(int, targetRow);
        QFETCH(QString, reference);
        QFETCH(QString, note);
        QFETCH(ErrorKind, kind);
        const qint64 card = newCard(u"Switch port flapping"_qs);
        const qint64 removed =
                m_store->createEscalationTarget(target(u"Old printer vendor"_qs, EscalationKind::Vendor)).value();
        QVERIFY(m_store->deleteEscalationTarget(removed));
        const qint64 targets[] = {m_network, m_vendor, removed, 9999};
        const QString before = fileState();
        QVERIFY(m_store->setLogin(who));
        auto refused = m_store->updateCard(card, escalateTo(targets[targetRow], reference, note));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, kind);
        QCOMPARE(fileState(), before);
        QVERIFY(m_store->escalations(card)->isEmpty());
    }

    void shouldWriteNothingForAnEscalationAsItIs()
    {
        const qint64 card = newCard(u"Wi-Fi drops in 2.14"_qs);
        QVERIFY(m_store->updateCard(card, escalateTo(m_network, u"NET-1"_qs)));
        const qint64 other = newCard(u"Printer offline"_qs);
        const qint64 seq = m_store->lastEventSeq().value();
        const qint64 version = m_store->card(card)->version;
        const qint64 otherVersion = m_store->card(other)->version;
        // WHEN the same is set again, with spaces around the case number, or "none" is asked of a card with none
        // (what a target of 0 carries does not count)
        QCOMPARE(m_store->updateCard(card, escalateTo(m_network, u"  NET-1 "_qs)).value(), version);
        CardPatch none = takeBack();
        none.escalation->reference = u"left over"_qs;
        QCOMPARE(m_store->updateCard(other, none).value(), otherVersion);
        // THEN no card changed, and nothing is in the change feed or the history
        QCOMPARE(m_store->lastEventSeq().value(), seq);
        QCOMPARE(m_store->card(card)->version, version);
        QCOMPARE(m_store->escalations(card)->size(), 1);
        QVERIFY(m_store->escalations(other)->isEmpty());
    }

    void shouldNotRemoveATargetCardsAreEscalatedTo()
    {
        const qint64 card = newCard(u"Firewall rule for the new CRM"_qs);
        QVERIFY(m_store->updateCard(card, escalateTo(m_network)));
        // WHEN alice removes the network team, THEN she is told why not, and it stays
        auto refused = m_store->deleteEscalationTarget(m_network);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"1 card(s) are escalated to “Network team”"),
                 qPrintable(refused.error().message));
        QCOMPARE(m_store->escalationTargets()->size(), 2);
        // WHEN the card is taken back, THEN it can go, and the ended escalation keeps its name
        QVERIFY(m_store->updateCard(card, takeBack()));
        QVERIFY(m_store->deleteEscalationTarget(m_network));
        QCOMPARE(m_store->escalationTargets()->size(), 1);
        QCOMPARE(m_store->escalationTargets(true)->size(), 2);
        QCOMPARE(m_store->escalations(card)->constFirst().targetName, u"Network team"_qs);
        // AND a card cannot be escalated to it any more, until it is put back
        QVERIFY(!m_store->updateCard(card, escalateTo(m_network)));
        QVERIFY(m_store->restoreEscalationTarget(m_network));
        QVERIFY(m_store->updateCard(card, escalateTo(m_network)));

        // WHEN the only card escalated to it is archived, THEN it can be removed, and that escalation ends (kept)
        QVERIFY(m_store->archiveCard(card));
        QVERIFY(m_store->deleteEscalationTarget(m_network));
        const Escalation last = m_store->escalations(card)->constLast();
        QCOMPARE(last.endedAt, m_clock);
        // AND the card brought back is not escalated to a target no longer there
        QVERIFY(m_store->restoreCard(card));
        QVERIFY(!m_store->card(card)->escalation.isEscalated());
    }

    void shouldMergeAndConflictLikeAnyOtherField()
    {
        const qint64 card = newCard(u"Printer 3F offline"_qs);
        const qint64 seen = m_store->card(card)->version;
        // GIVEN ben changed the priority since alice read the card
        auto ben = BoardStore::open(m_store->path(), as(u"ben"_qs));
        QVERIFY(ben);
        CardPatch priority;
        priority.priority = Priority::High;
        QVERIFY(ben.value()->updateCard(card, priority, seen));
        // WHEN alice escalates from the version she saw, THEN both stand (different fields)
        QVERIFY(m_store->updateCard(card, escalateTo(m_vendor), seen));
        QCOMPARE(m_store->card(card)->priority, Priority::High);
        QVERIFY(m_store->card(card)->escalation.isEscalated());
        // WHEN ben, from the version before that, takes it back, THEN it is a conflict and nothing is written
        const qint64 stale = m_store->card(card)->version - 1;
        auto conflict = ben.value()->updateCard(card, takeBack(), stale);
        QVERIFY(!conflict);
        QCOMPARE(conflict.error().kind, ErrorKind::Conflict);
        QVERIFY(conflict.error().message.contains(u"escalation"));
        QVERIFY(m_store->card(card)->escalation.isEscalated());
    }
};

QTEST_GUILESS_MAIN(tst_Escalations)
#include "tst_escalations.moc"
