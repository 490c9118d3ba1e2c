import Foundation
public import Hummingbird
import NIOCore
import Platform

/// Server-rendered pages: sign-in, sign-out and the home page. They work as plain forms.
public struct WebRoutes: Sendable {
    let dependencies: AppDependencies

    struct SignInForm {
        let email: String
        let password: String
    }

    public func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        let secure = dependencies.secureCookies
        let throttle = dependencies.signInThrottle
        let trustsProxy = dependencies.trustsProxy
        router.get("/sign-in") { _, context in
            if context.principal != nil { return Self.redirect("/") }
            return Self.html(SignInPage.render())
        }
        router.post("/sign-in") { request, context in
            let fields = try await FormBody.read(request, upTo: 16 * 1024)
            if let refusal = fields.refusal {
                return Self.html(SignInPage.render(email: fields["email"] ?? "", error: refusal.message),
                                 status: .unprocessableContent)
            }
            guard let email = fields["email"], let password = fields["password"], !email.isEmpty, !password.isEmpty else {
                return Self.html(SignInPage.render(error: "Enter your email and password."), status: .badRequest)
            }
            let form = SignInForm(email: email, password: password)
            let account = form.email.trimmingCharacters(in: .whitespaces).lowercased()
            let address = ClientAddress.forThrottle(peer: context.clientAddress, forwardedFor: request.headers[.xForwardedFor],
                                                    trustsProxy: trustsProxy)
            if let wait = throttle.withValue({ $0.retryAfter(account: account, address: address, now: .now) }) {
                let seconds = SignInThrottle.seconds(wait)
                context.logger.info("sign-in throttled", metadata: ["retry_after": .stringConvertible(seconds)])
                var response = Self.html(SignInPage.render(email: form.email, error: "Too many attempts. Try again in \(seconds) seconds."),
                                         status: .tooManyRequests)
                response.headers[.retryAfter] = String(seconds)
                return response
            }
            switch try await WebSessions.attempt(email: form.email, password: form.password, organizationID: nil, database: database) {
            case .success(let signedIn):
                throttle.withValue { $0.recordSuccess(account: account) }
                var response = Self.redirect("/")
                response.headers[.setCookie] = Self.sessionCookie(signedIn.secret, maxAge: Int(WebSessions.lifetime), secure: secure)
                return response
            case .failure(let refusal):
                throttle.withValue { $0.recordFailure(account: account, address: address, now: .now) }
                let reason = if case .wrongPassword = refusal.reason { "wrong_password" } else { "unknown_account" }
                context.logger.info("sign-in refused", metadata: ["reason": .string(reason)])
                return Self.html(SignInPage.render(email: form.email, error: WebSessions.refused.message), status: .unauthorized)
            }
        }
        router.post("/sign-out") { _, context in
            if let principal = context.principal { try await WebSessions.signOut(principal, database: database) }
            var response = Self.redirect("/sign-in")
            response.headers[.setCookie] = Self.sessionCookie("", maxAge: 0, secure: secure)
            return response
        }
        router.get("/") { _, context in
            guard let principal = context.principal else { return Self.redirect("/sign-in") }
            let home = try await HomeQuery.load(principal, database: database)
            return Self.html(HomePage.render(home: home, principal: principal))
        }
    }

    static func sessionCookie(_ value: String, maxAge: Int, secure: Bool) -> String {
        "\(WebSessions.cookieName)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax\(secure ? "; Secure" : "")"
    }

    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
