// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's knowledge base: View > Knowledge beside the board, File > Import Articles, and the card editor's
// articles opened in it.
#include "mainwindow.h"

#include <board/actions/boardactions.h>
#include <board/widgets/cardeditor/cardeditor.h>
#include <board/widgets/knowledge/knowledgeview.h>
#include <storage/boardstore.h>
#include <storage/exchange/articlefiles.h>

#include <QAction>
#include <QDockWidget>
#include <QApplication>
#include <QFileDialog>
#include <QKeyEvent>
#include <QMessageBox>
#include <QStatusBar>

namespace hb::app {

QAction *MainWindow::setUpKnowledge()
{
    m_knowledge = new board::KnowledgeView(*m_model, this);
    m_knowledgeDock = new QDockWidget(tr("Knowledge Base"), this);
    m_knowledgeDock->setObjectName(QStringLiteral("knowledgeDock"));
    m_knowledgeDock->setWidget(m_knowledge);
    m_knowledgeDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::RightDockWidgetArea, m_knowledgeDock);
    m_knowledgeDock->hide();
    resizeDocks({m_knowledgeDock}, {460}, Qt::Horizontal);
    // Opened: the articles as they are now, and the keyboard in its search.
    connect(m_knowledgeDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible) {
            m_knowledge->refresh();
            m_knowledge->setFocus(Qt::ShortcutFocusReason);
        }
    });
    QAction *action = m_knowledgeDock->toggleViewAction();
    action->setObjectName(QStringLiteral("showKnowledge"));
    action->setText(tr("&Knowledge Base"));
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    // On X11, text fields take Ctrl+K as "delete to the end of the line": in this window it opens the knowledge
    // base wherever the keyboard is (the search field, the card editor).
    qApp->installEventFilter(this);
    action->setToolTip(tr("Articles on problems that come back, beside the board"));
    return action;
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        auto *widget = qobject_cast<QWidget *>(watched);
        // (a dock floated off is a window of its own, still this one's child)
        const auto ours = [this](const QObject *object) {
            for (; object; object = object->parent()) {
                if (object == this)
                    return true;
            }
            return false;
        };
        if (key->keyCombination() == QKeyCombination(Qt::ControlModifier, Qt::Key_K) && widget && ours(widget)) {
            event->ignore(); // not taken by the field: the window's shortcut has it
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showArticle(qint64 articleId)
{
    m_knowledgeDock->show();
    m_knowledgeDock->raise();
    m_knowledge->showArticle(articleId);
}

void MainWindow::writeArticle(const storage::Article &draft)
{
    m_knowledgeDock->show();
    m_knowledgeDock->raise();
    m_knowledge->writeArticle(draft);
}

void MainWindow::importArticles()
{
    if (!m_actions || !m_store)
        return;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import Articles from a Folder of Markdown "
                                                                      "Files"));
    if (folder.isEmpty())
        return;
    auto read = storage::articlefiles::readFolder(folder);
    if (!read) {
        QMessageBox box(QMessageBox::Warning, tr("Import Articles"), read.error().message, QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText); // a folder's name is people's text
        box.exec();
        return;
    }
    // Nothing half-imported: a bad file and none goes in, each bad one said.
    if (!read->problems.isEmpty()) {
        QMessageBox box(QMessageBox::Warning, tr("Import Articles"),
                        tr("%n file(s) could not be read as articles; nothing was imported.", nullptr,
                           int(read->problems.size())),
                        QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText); // file names are people's text
        box.setDetailedText(read->problems.join(u'\n'));
        box.setInformativeText(read->problems.mid(0, 5).join(u'\n'));
        box.exec();
        return;
    }
    // One change on the saver's thread (all or none), then the articles read again.
    const QList<storage::ArticleDraft> drafts = read->drafts;
    const int others = read->otherFiles;
    qsizetype cut = 0;
    for (const storage::ArticleDraft &draft : drafts)
        cut += draft.droppedCharacters ? 1 : 0;
    auto result = std::make_shared<storage::ArticleImport>();
    m_actions->save(
            {},
            [drafts, result](storage::BoardStore &store) {
                auto imported = storage::articlefiles::import(store, drafts);
                board::Saved saved{imported ? storage::Status() : storage::Status(imported.error())};
                if (imported)
                    *result = *imported;
                saved.articlesChanged = true;
                return saved;
            },
            [this, result, others, cut](const board::Saved &saved) {
                if (!saved.status)
                    return; // failed() said why
                QStringList said{tr("Imported %n article(s)", nullptr, int(result->created.size()))};
                if (!result->skipped.isEmpty())
                    said << tr("%n already in the knowledge base", nullptr, int(result->skipped.size()));
                if (!result->labelsCreated.isEmpty())
                    said << tr("new labels: %1").arg(result->labelsCreated.join(QStringLiteral(", ")));
                if (cut)
                    said << tr("%n cut to the longest text an article holds", nullptr, int(cut));
                if (others)
                    said << tr("%n other file(s) left alone", nullptr, others);
                statusBar()->showMessage(said.join(QStringLiteral("; ")), 15000);
                m_knowledgeDock->show();
            });
}

} // namespace hb::app
