// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/sync/storeworker.h>
#include <storage/result.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QUndoCommand;
class QUndoStack;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class AttachmentModel;
class BoardModel;
class ChecklistModel;

/**
 * What people do to the board, as undoable commands on the one QUndoStack.
 *
 * Each step shows on the board at once and is saved in the background by a StoreWorker, so a busy share never
 * freezes the window. When a save fails (someone else got there first, the share stayed busy, the file went away),
 * the board shows again what the file holds, failed() says why, and the step leaves the undo stack. The actions
 * return whether the step was taken; savingChanged() tells when every save has landed.
 */
class BoardActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardActions)

public:
    /// Reads through @p store (on this thread); saves through a second connection to the same file and login.
    BoardActions(storage::BoardStore &store, BoardModel &model, QUndoStack &stack, QObject *parent = nullptr);
    ~BoardActions() override;

    /// Moves cards, in their current board order, to @p columnId just before @p beforeId (0: at the end).
    bool moveCards(const QList<qint64> &ids, qint64 columnId, qint64 beforeId);
    /// Archives cards (undo restores them where they were).
    bool archiveCards(const QList<qint64> &ids);
    /// Puts archived cards back on the board (undo archives them again); @p done once each such save landed.
    bool restoreArchived(const QList<qint64> &ids, std::function<void()> done = {});
    /// Renames a card (F2 on the board).
    bool renameCard(qint64 id, const QString &title);
    /**
     * Sets the fields @p patch names on card @p id, as one undo step called @p text. Text is checked at once
     * (failed() says why, nothing is queued). @p base: the values the user started from, when not what the board
     * shows now (text typed while a colleague's change came in). Fields someone else changed since are merged; one
     * both changed keeps their value, and conflicted() offers the choice.
     */
    bool editCard(qint64 id, const storage::CardPatch &patch, const QString &text,
                  const std::optional<storage::CardPatch> &base = {});
    /// Creates a card with @p title at the end of @p columnId. It shows once saved; @p done gets its id then, or 0
    /// when it could not be saved.
    bool createCard(qint64 columnId, const QString &title, std::function<void(qint64 id)> done = {});

    // The checklist of a card. Each change is an undo step; the shown checklist (setChecklist()) follows.
    /// The checklist model that shows changes at once and takes the file's checklist after each save.
    void setChecklist(ChecklistModel *checklist);
    bool addChecklistItem(qint64 cardId, const QString &text);
    bool tickChecklistItem(qint64 cardId, qint64 itemId, bool done);
    bool editChecklistItem(qint64 cardId, qint64 itemId, const QString &text);
    /// Moves an item just before @p beforeId (0: to the end).
    bool moveChecklistItem(qint64 cardId, qint64 itemId, qint64 beforeId);
    bool deleteChecklistItem(qint64 cardId, qint64 itemId);
    /// Adds the items of template @p templateId to the checklist (undo removes them again).
    bool applyChecklistTemplate(qint64 cardId, qint64 templateId);

    // Checklist templates (board-wide).
    /// A new template @p name with @p items (refused, and failed() says so, if one has that name by then).
    bool createChecklistTemplate(const QString &name, const QStringList &items);
    /// Replaces template @p id's items, which were @p before: refused as a conflict if someone changed them since.
    bool replaceChecklistTemplate(qint64 id, const QStringList &before, const QStringList &items);
    bool deleteChecklistTemplate(qint64 id);

    // Attachments. Each file is its own undo step; the shown attachments (setAttachments()) follow.
    void setAttachments(AttachmentModel *attachments);
    /**
     * Stores each of @p paths in the board, one after the other, off the window's thread (uploadProgress() tells
     * how far). A file that is missing, not readable or over the board's limit is refused at once (failed() says
     * why); the others go on. Returns how many were taken.
     */
    int addAttachments(qint64 cardId, const QStringList &paths);
    /// Links to a file on the share instead of copying it in.
    bool addLink(qint64 cardId, const QString &path);
    bool removeAttachment(qint64 cardId, qint64 attachmentId);
    /// Stops the upload under way and those queued (nothing of them is kept).
    void cancelUploads();

    // Comments: anyone who may edit adds them; their author edits and deletes them (or an admin deletes).
    bool addComment(qint64 cardId, const QString &body);
    bool editComment(qint64 cardId, qint64 commentId, const QString &oldBody, const QString &body);
    bool deleteComment(qint64 cardId, qint64 commentId);

    // Labels: on a card, and the board's own (rename, recolour, delete, all undoable).
    bool setCardLabel(qint64 cardId, qint64 labelId, bool on);
    /// Creates a label; @p done gets its id once saved, or 0.
    bool createLabel(const QString &name, const QString &color, std::function<void(qint64 id)> done = {});
    bool renameLabel(qint64 id, const QString &name);
    bool recolorLabel(qint64 id, const QString &color);
    bool deleteLabel(qint64 id);

    // The knowledge base (boardactions_articles.cpp). Each change is an undo step; articlesChanged() follows its
    // save (landed or not), for the views to read the articles again.
    /// A new article; @p done gets its id once saved, or 0.
    bool createArticle(const storage::Article &article, std::function<void(qint64 id)> done = {});
    /// Sets @p patch on article @p before.id, which the user read as @p before: merged with others' changes to other
    /// fields, refused as a conflict for the same one. Undo puts back what @p before had.
    bool editArticle(const storage::Article &before, const storage::ArticlePatch &patch);
    bool deleteArticle(qint64 id);
    /// Links card @p cardId to article @p articleId as "solved with" it (@p link false: takes the link off).
    bool linkArticle(qint64 cardId, qint64 articleId, bool link = true);
    /// Stores each of @p paths on article @p articleId, each an undo step (refused at once as a card's would be).
    /// Returns how many were taken.
    int addArticleAttachments(qint64 articleId, const QStringList &paths);
    /// Removes an article's attachment (undo brings it back).
    bool removeArticleAttachment(qint64 attachmentId);

    // Columns (admins). Renames and WIP limits show at once; the others when saved.
    bool canManageColumns() const;
    /// Whether the board may be changed at all through @p store: not read-only, and not a viewer's.
    static bool canEdit(const storage::BoardStore &store);
    /// The cards undo step @p command changes (with those of the steps it groups), in order, each once.
    static QList<qint64> cardsOf(const QUndoCommand *command);
    /// Adds a column after column @p afterId (0: at the end).
    bool addColumn(const QString &name, std::function<void(qint64 id)> done = {}, qint64 afterId = 0);
    bool renameColumn(qint64 id, const QString &name);
    bool setWipLimit(qint64 id, int limit);
    /// Moves a column one place left (-1) or right (+1).
    bool moveColumn(qint64 id, int delta);
    /// Moves a column just before @p beforeId (0: to the end), as dragging its header does.
    bool moveColumnBefore(qint64 id, qint64 beforeId);
    /// Only an empty column can go; otherwise failed() says why.
    bool deleteColumn(qint64 id);

    storage::BoardStore &store() const { return m_store; }
    BoardModel &model() const { return m_model; }
    QUndoStack &undoStack() const { return m_stack; }
    void report(const storage::Error &error);

    /// Saves are waiting for the file to come back (the share is gone, the file was moved away).
    bool isWaitingForTheFile() const { return m_unreachable; }
    /// How long saves that cannot reach the file wait before they run again (StoreWorker::setRetryDelays()).
    void setSaveRetryDelays(int firstMs, int maxMs) { m_worker.setRetryDelays(firstMs, maxMs); }
    /// Saves waiting for the file give up and are reported (the user closes without them).
    void stopWaitingForTheFile() { m_worker.stopRetrying(); }
    /// Whether any save has not landed yet.
    bool isSaving() const { return m_worker.pending() > 0; }
    /// A save of card @p cardId is still on its way (the board shows the change it makes).
    bool isSaving(qint64 cardId) const { return m_inFlight.contains(cardId); }
    /// How many saves touching card @p cardId have landed (and shown what they read back) so far.
    int savesLanded(qint64 cardId) const { return m_landed.value(cardId); }

    /**
     * For the commands: runs @p job on the saver; then shows the cards and columns it read back (a card only when
     * no later save of it is still on its way), reports a failure, and calls @p done.
     */
    void save(const QList<qint64> &cardIds, StoreWorker::Job job, StoreWorker::Done done = {});
    /// Takes steps whose save failed off the undo stack, those next to the current step.
    void dropFailedSteps();

Q_SIGNALS:
    void failed(const QString &message);
    /// An edit found fields someone else had changed since: theirs are kept, and the user may choose (instead of
    /// failed()).
    void conflicted(const hb::board::CardConflict &conflict);
    void savingChanged(bool saving);
    /// A save waits because another user is saving to the file (true), or no longer (false).
    void waitingChanged(bool waiting);
    /// Saves cannot reach the file (false, and @p why: they wait and try again), or can again (true).
    void reachableChanged(bool reachable, const QString &why);
    /// A save that could not reach the file runs again (StoreWorker::triedAgain()).
    void saveTriedAgain(int attempt);
    /// A save needed the whole board read again, and the file could not be read (the share gone): the board shows
    /// what it showed until it is read again.
    void boardUnread();
    /// A save touched card @p cardId's checklist or comments: its comments as the file has them now.
    void commentsSaved(qint64 cardId, const QList<storage::Comment> &comments);
    /// An upload of @p name to card @p cardId has stored @p done of @p total bytes; @p finished when it ended
    /// (stored, refused or cancelled).
    void uploadProgress(qint64 cardId, const QString &name, qint64 done, qint64 total, bool finished);
    /// A save of the knowledge base landed or failed: what shows articles reads them again.
    void articlesChanged();

private:
    /// Input checked before anything is queued: false, and failed() says why, when @p check refused it.
    bool accepted(const storage::Status &check);
    /// A file that can be attached (there, a file, readable, within @p limit); else false, and failed() says why.
    bool attachable(const QString &path, qint64 limit);
    qint64 columnIdAt(int row) const;
    /// A board-level label step: @p redo and @p undo on the saver; the labels read back after either. @p show
    /// puts the change up at once (its argument: redo or undo).
    bool changeLabels(const QString &text, std::function<storage::Status(storage::BoardStore &)> redo,
                      std::function<storage::Status(storage::BoardStore &)> undo,
                      std::function<void(bool redo)> show = {}, StoreWorker::Done firstDone = {});
    using LabelSave =
            std::function<storage::Status(storage::BoardStore &, qint64 id, const QString &to, qint64 version)>;
    /// Sets a label's name or colour (@p field) through @p save; @p conflict says what someone else set instead.
    bool setLabelField(qint64 id, const QString &text, QString storage::Label::*field, const QString &value,
                       LabelSave save, std::function<QString(const storage::Label &)> conflict);
    /// Label @p id as the board shows it.
    std::optional<storage::Label> label(qint64 id) const;
    /// Shows label @p id changed by @p change (or removed, when @p change is empty), before it is saved.
    void showLabel(qint64 id, const std::function<void(storage::Label &)> &change);
    /// Shows a checklist item changed by @p change, before it is saved.
    void showChecklistItem(qint64 itemId, const std::function<void(storage::ChecklistItem &)> &change);
    /// A column-level step: @p redo and @p undo run on the saver; @p show puts a name or limit up at once.
    bool changeColumns(const QString &text, std::function<storage::Status(storage::BoardStore &)> redo,
                       std::function<storage::Status(storage::BoardStore &)> undo, qint64 readBack = 0,
                       std::function<void(bool redo)> show = {}, StoreWorker::Done firstDone = {});

    /// Sets a column's name or WIP limit (@p field) through @p save; @p conflict says what someone else set instead.
    template<typename T, typename Save, typename Conflict>
    bool setColumnField(qint64 id, const QString &text, T storage::Column::*field, const T &value, Save save,
                        Conflict conflict);

    storage::BoardStore &m_store;
    BoardModel &m_model;
    QUndoStack &m_stack;
    StoreWorker m_worker;
    QHash<qint64, int> m_inFlight; ///< saves still on their way, per card
    QHash<qint64, int> m_landed;   ///< saves landed, per card (see savesLanded())
    bool m_unreachable = false;
    QPointer<ChecklistModel> m_checklist;
    QPointer<AttachmentModel> m_attachments;
    /// Set to stop the uploads queued until now; each upload holds the flag current when it was queued.
    std::shared_ptr<std::atomic_bool> m_cancelUploads;
};

} // namespace hb::board
