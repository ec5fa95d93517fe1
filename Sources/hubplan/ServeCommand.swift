import ArgumentParser
import Foundation
import Planner
import WebApp

/// `hubplan serve DIR`: the local web app.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the plan, forecast, what-ifs and downloads to a browser on this machine.")

    @Argument(help: "The scenario folder, or a scenario workbook (.xlsx).") var directory: String
    @Option(help: "Port.") var port: Int = 8080
    @Option(help: "Address to bind (default: only this machine).") var host: String = "127.0.0.1"
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard (1...65535).contains(port) else { throw CommandFailure.badInput("--port must be 1 to 65535") }
        _ = try loadScenario(directory)
        let state: WebState
        do { state = try WebState(directory: URL(fileURLWithPath: directory)) } catch {
            throw CommandFailure.badInput("\(directory): \(error)")
        }
        // Say which plan is served: the planner's own in DIR/out, untouched, or one made in the app's folder.
        if output.json {
            Style.printJSON(["url": "http://\(host):\(port)/", "outputs": state.served.outputs.path, "served": state.served.note])
        } else if !output.quiet {
            print("hubplan serve: \(state.served.note)")
            print("HubPlan at http://\(host):\(port)/ (Ctrl-C to stop)")
            print("Forms carry a token made at start; requests for another Host or from another site are refused.")
        }
        fflush(nil)  // all streams: the lines above reach a pipe or a log before the server blocks
        let app = WebApp.application(state: state, host: host, port: port)
        let done = DispatchSemaphore(value: 0)
        let failure = Slots<String>(count: 1)
        Task {
            do { try await app.runService() } catch { failure.set(0, "\(error)") }
            done.signal()
        }
        done.wait()
        if let message = failure[0] { throw CommandFailure.internalError("server stopped: \(message)") }
    }
}
