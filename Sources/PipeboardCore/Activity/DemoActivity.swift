import Foundation

/// Believable notes and tasks for generated deals, for the first run's demo pipeline and `pipeboard demo --tasks`:
/// from none to twice `perDeal` tasks a deal, about three in ten of them done (every one on a closed deal), the
/// open ones overdue, due today or later, and about half as many notes as tasks. What was written or finished
/// happened before the deal's last change, so a deal's stale mark stays what its changes say.
public enum DemoActivity {
    /// One deal's notes and tasks, without remote ids (the workspace gives them when it stores them).
    public static func activity(
        for card: Opportunity, perDeal: Int, now: Date, random: inout SplitMix64
    ) -> (notes: [Note], tasks: [DealTask]) {
        guard perDeal > 0 else { return ([], []) }
        let first = card.contactName?.split(separator: " ").first.map(String.init) ?? "the buyer"
        let company = card.companyName ?? "the client"
        let past = { (random: inout SplitMix64) -> Date in
            // A moment between the deal's creation and its last change, in whole seconds.
            let span = max(0, card.lastActivityAt.timeIntervalSince(card.createdAt))
            let share = Double(random.next() % 1_000) / 1_000
            return Date(timeIntervalSince1970: (card.createdAt.timeIntervalSince1970 + span * share).rounded(.down))
        }
        let today = ISODay.daysSince1970(of: ISODay.string(from: now)) ?? 0
        var tasks: [DealTask] = []
        for _ in 0..<Int(random.next() % UInt64(2 * perDeal + 1)) {
            let title = fill(taskTitles[Int(random.next() % UInt64(taskTitles.count))], first, company)
            let id = UUID(seed: random.next(), random.next())
            let roll = random.next() % 20
            let time = random.next() % 4 == 0 ? dueTimes[Int(random.next() % UInt64(dueTimes.count))] : nil
            var task = DealTask(
                id: id, account: card.account, opportunityID: card.id, title: title, owner: card.owner,
                createdAt: past(&random))
            if card.status.isClosed || roll < 6 {
                let finished = past(&random)
                task.isDone = true
                task.completedAt = finished
                task.createdAt = min(task.createdAt, finished)
                task.due = DueDate(day: ISODay.string(from: finished))
            } else {
                let offset: Int
                switch roll {
                case 6..<10: offset = -1 - Int(random.next() % 10) // overdue
                case 10..<13: offset = 0 // today
                default: offset = 1 + Int(random.next() % 21) // later
                }
                task.due = DueDate(day: ISODay.string(daysSince1970: today + offset), time: time)
            }
            task.updatedAt = task.completedAt ?? task.createdAt
            tasks.append(task)
        }
        var notes: [Note] = []
        for _ in 0..<Int(random.next() % UInt64(perDeal + 1)) {
            let text = fill(noteTexts[Int(random.next() % UInt64(noteTexts.count))], first, company)
            notes.append(
                Note(
                    id: UUID(seed: random.next(), random.next()), account: card.account, opportunityID: card.id,
                    text: text, createdAt: past(&random), author: card.owner))
        }
        return (notes, tasks)
    }

    private static func fill(_ template: String, _ first: String, _ company: String) -> String {
        template.replacingOccurrences(of: "{first}", with: first).replacingOccurrences(of: "{company}", with: company)
    }

    static let taskTitles = [
        "Call {first}", "Send the proposal", "Follow up on pricing", "Book a demo with {first}", "Send the contract",
        "Check in with {first}", "Prepare the quote", "Confirm budget with {first}", "Share two references",
        "Schedule the kickoff", "Answer the security questions", "Visit {company}",
    ]
    static let noteTexts = [
        "Intro call with {first}: interested, wants pricing for next quarter.",
        "{first} asked for a case study from their industry.",
        "Budget confirmed at {company}; legal reviews contracts in two weeks.",
        "Met {first} at {company}: the decision comes after their board meeting.",
        "Sent the proposal; {first} reviews it with finance.",
        "A competitor is in the running; we lead on support and price.",
        "{first} is out until Monday; their colleague has the file.",
    ]
    static let dueTimes = ["09:30", "10:00", "14:00", "16:30"]
}
