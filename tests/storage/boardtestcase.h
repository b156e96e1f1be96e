// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/testsupport.h"

#include <storage/boardstore.h>

#include <QFile>
#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace hb::tests {

inline storage::StoreOptions as(const QString &login)
{
    return optionsFor(login, 5000);
}

inline QStringList eventKinds(storage::BoardStore &store, qint64 afterSeq)
{
    QStringList kinds;
    for (const storage::Event &event : store.eventsSince(afterSeq).value())
        kinds << event.kind;
    return kinds;
}

/**
 * A fresh board for each test of a BoardStore test class: created by alice (admin) with the three default
 * columns, ben as editor and vera as viewer, and a clock the test controls.
 */
class BoardTestCase : public QObject
{
protected:
    /// For init().
    void setUpBoard()
    {
        QVERIFY(m_dir.isValid());
        const QString path =
                m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + QStringLiteral(".helpboard"));
        QFile::remove(path); // data rows of one test reuse the name
        auto store = storage::BoardStore::create(path, QStringLiteral("Test board"), as(QStringLiteral("alice")));
        QVERIFY2(store, store ? "" : qPrintable(store.error().message));
        m_store = std::move(store).value();
        m_store->setClock([this] { return m_clock; });
        const auto columns = m_store->columns().value();
        QCOMPARE(columns.size(), 3);
        m_todo = columns.at(0).id;
        m_doing = columns.at(1).id;
        m_done = columns.at(2).id;
        QVERIFY(m_store->setMember(QStringLiteral("ben"), storage::Role::Editor, QStringLiteral("Ben")));
        QVERIFY(m_store->setMember(QStringLiteral("vera"), storage::Role::Viewer, QStringLiteral("Vera")));
    }

    /// For cleanup().
    void tearDownBoard() { m_store.reset(); }

    /// Every card row, and how many events, operations, checklist items and comments the file has: what "nothing
    /// changed" compares.
    QString fileState() const
    {
        const RawResult rows = rawSql(
                m_store->path(),
                {QStringLiteral("SELECT (SELECT group_concat(id || ':' || column_id || ':' || rank || ':' || version "
                                "|| ':' || coalesce(archived_at, '-') || ':' || coalesce(deleted_at, '-'), ' ') FROM "
                                "cards), (SELECT count(*) FROM events), (SELECT count(*) FROM operations), "
                                "(SELECT count(*) FROM checklist_items), (SELECT count(*) FROM comments)")});
        if (!rows.error.isEmpty())
            return rows.error;
        QStringList parts;
        for (const QVariant &value : rows.rows.value(0))
            parts << value.toString();
        return parts.join(QStringLiteral(" | "));
    }

    storage::NewCard cardInTodo() const
    {
        storage::NewCard card;
        card.title = QStringLiteral("Reported by a script");
        card.columnId = m_todo;
        return card;
    }

    qint64 newCard(const QString &title, qint64 column = 0)
    {
        storage::NewCard card;
        card.title = title;
        card.columnId = column ? column : m_todo;
        auto id = m_store->createCard(card);
        if (!id)
            qWarning() << id.error().message;
        return id ? *id : 0;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<storage::BoardStore> m_store;
    qint64 m_todo = 0;
    qint64 m_doing = 0;
    qint64 m_done = 0;
    qint64 m_clock = 1'700'000'000'000;
};

} // namespace hb::tests
