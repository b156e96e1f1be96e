// SPDX-License-Identifier: GPL-3.0-or-later
#include "storeworker.h"

#include <QCoreApplication>

#include <memory>

namespace hb::board {

void Saved::readCards(storage::BoardStore &store, const QList<qint64> &ids)
{
    for (qint64 id : ids) {
        if (auto card = store.card(id))
            cards << *card;
        else if (card.error().kind == storage::ErrorKind::NotFound)
            removed << id;
        else if (status)
            status = card.error();
    }
}

void Saved::readLabels(storage::BoardStore &store)
{
    if (auto read = store.labels()) {
        labelsRead = true;
        labels = *read;
    } else if (status) {
        status = read.error();
    }
}

void Saved::readDetails(storage::BoardStore &store, qint64 cardId)
{
    readCards(store, {cardId});
    auto items = store.checklist(cardId);
    auto notes = store.comments(cardId);
    auto files = store.attachments(cardId);
    if (items && notes && files) {
        detailsCard = cardId;
        checklist = *items;
        comments = *notes;
        attachments = *files;
    } else if (status) {
        status = !items ? items.error() : !notes ? notes.error() : files.error();
    }
}

/// Lives on the worker's thread and owns the connection there: QtSql connections belong to one thread.
class StoreWorker::Runner final : public QObject
{
public:
    Runner(StoreWorker &worker, const QString &path, const storage::StoreOptions &options)
        : m_worker(worker)
        , m_path(path)
        , m_options(options)
    { }

    Saved run(const Job &job)
    {
        if (!m_store) {
            auto opened = storage::BoardStore::open(m_path, m_options);
            if (!opened) {
                // Nothing was saved, nor read back: the window shows the file as its own connection finds it.
                Saved failed{opened.error()};
                failed.reloadBoard = true;
                return failed;
            }
            m_store = std::move(opened).value();
            m_store->setWaitObserver([this] {
                if (!m_waiting) {
                    m_waiting = true;
                    tellWaiting(true);
                }
            });
        }
        Saved saved = job(*m_store);
        if (m_waiting) {
            m_waiting = false;
            tellWaiting(false);
        }
        return saved;
    }

    /// The connection is closed on the thread that opened it.
    void close() { m_store.reset(); }

private:
    void tellWaiting(bool waiting)
    {
        // Queued to the worker's owner, so it arrives in order with the completions.
        QMetaObject::invokeMethod(
                &m_worker, [worker = &m_worker, waiting] { Q_EMIT worker->waitingChanged(waiting); },
                Qt::QueuedConnection);
    }

    StoreWorker &m_worker;
    QString m_path;
    storage::StoreOptions m_options;
    std::unique_ptr<storage::BoardStore> m_store;
    bool m_waiting = false;
};

StoreWorker::StoreWorker(const QString &path, const storage::StoreOptions &options, QObject *parent)
    : QObject(parent)
    , m_runner(new Runner(*this, path, options))
{
    m_thread.setObjectName(QStringLiteral("HelpBoard saver"));
    m_runner->moveToThread(&m_thread);
    m_thread.start();
}

StoreWorker::~StoreWorker()
{
    // Queued behind every save still waiting, so those are written before the thread ends.
    QMetaObject::invokeMethod(
            m_runner,
            [this] {
                m_runner->close();
                m_thread.quit();
            },
            Qt::QueuedConnection);
    m_thread.wait();
    delete m_runner;
}

void StoreWorker::submit(Job job, Done done)
{
    if (m_pending++ == 0)
        Q_EMIT savingChanged(true);
    QMetaObject::invokeMethod(
            m_runner,
            [this, job = std::move(job), done = std::move(done)]() mutable {
                Saved saved = m_runner->run(job);
                QMetaObject::invokeMethod(
                        this,
                        [this, saved = std::move(saved), done = std::move(done)] {
                            if (done)
                                done(saved);
                            if (--m_pending == 0)
                                Q_EMIT savingChanged(false);
                        },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
}

} // namespace hb::board
