namespace Vigil.Web.Features.Offboarding;

/// <summary>The activity checks' e-mails: plain text, a link each, no other member's data.</summary>
public static class OffboardingMail
{
    /// <summary>The subject of the check.</summary>
    public const string AskSubject = "[Vigil] Are you still active in the Node.js Security WG?";

    /// <summary>The subject of the reminder.</summary>
    public const string ReminderSubject = "[Vigil] Reminder: please confirm you are still active in the Node.js Security WG";

    /// <summary>The subject of the move to emeritus.</summary>
    public const string EmeritusSubject = "[Vigil] You are now an emeritus member of the Node.js Security WG";

    /// <summary>The check or its reminder, with the one-time link.</summary>
    public static string Ask(string name, string link, DateTime emeritusAt, bool reminder) =>
        $"Hello {name},\n\n" +
        (reminder ? "We have not heard back from you yet. " : string.Empty) +
        "Every few months the working group asks its members to confirm they are still active.\n" +
        $"Please confirm with this link (it works once, with or without signing in):\n{link}\n\n" +
        $"Without an answer by {emeritusAt:yyyy-MM-dd HH:mm} UTC you become an emeritus member and your roles on the platform end.\n";

    /// <summary>The move to emeritus, with how to come back.</summary>
    public static string Emeritus(string name, string returnLink, DateTime returnUntil) =>
        $"Hello {name},\n\nYou did not confirm your activity, so you are now an emeritus member; your roles on the platform have ended " +
        "(a seat on the triage team is given back by a vote of the group).\n\n" +
        $"You may come back without a new nomination until {returnUntil:yyyy-MM-dd HH:mm} UTC: sign in and open {returnLink}\n" +
        "After that date, joining again takes a new nomination.\n";
}
