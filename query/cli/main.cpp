#include <iostream>
int main() { std::cout << "Usage: fynd-query\n"; }
