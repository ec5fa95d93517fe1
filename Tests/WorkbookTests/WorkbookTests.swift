import Testing
@testable import Workbook
